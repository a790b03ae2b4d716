// Work in progress: filled in by the stage's owner.
