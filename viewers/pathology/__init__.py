"""The pathology viewer: tiled slide view, annotation tools and list (Qt; slide access is reviewer.pathology)."""
