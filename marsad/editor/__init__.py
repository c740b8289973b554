"""The editor's desk: an extractive summary, keywords, and the flags an editor would raise."""
