"""What the network says: counts and degrees (stats), and the Insights panel."""
