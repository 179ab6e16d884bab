"""The nine codes the classifier predicts, in a fixed order, taken from the taxonomy."""

from lantern.insights.taxonomy import Category, Feature

CATEGORIES: tuple[str, ...] = tuple(Category.values)
FEATURES: tuple[str, ...] = tuple(Feature.values)
LABELS: tuple[str, ...] = CATEGORIES + FEATURES
