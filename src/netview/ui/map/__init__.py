"""The network map: a pyqtgraph view drawing a `netview.services.mapping.mapmodel.MapModel`."""

from netview.ui.map.widget import MapWidget

__all__ = ["MapWidget"]
