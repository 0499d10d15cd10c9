#!/bin/sh
# GET / of canopy/web: the body names the pod, so tests can tell replicas apart. A CGI
# script rather than a page written at start, so nothing is written to the filesystem.
printf 'Content-Type: text/plain\r\n\r\n'
echo "canopy web on $(hostname)"
