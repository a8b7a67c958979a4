#!/bin/sh
# The quickstart's stand-in for a training job: prints the arguments Vigil passed, one per bracket,
# so you can see that alert text arrives as separate argv entries and never reaches a shell.
printf 'retrain.sh: would retrain now, arguments:'
for arg in "$@"; do printf ' [%s]' "$arg"; done
printf '\n'
