"""Helpers for `reelpress proof`: page images and comparisons, spelling suspects."""
