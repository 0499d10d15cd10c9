module canopy.local/pause

go 1.22
