"""The generic tests of a claims site: they pass on any site this generator builds.

`make update-generator` replaces these files with the generator's newer versions; put tests of
your own site's content in files of your own names beside them.
"""
