"""The map: its layout, its view-model, its shape kept between loads, and the kept map."""
