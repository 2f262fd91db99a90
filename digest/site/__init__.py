"""The readers' static site: pages, search and the build. May import: bulletin and below."""
