"""The search benches' eight faceted searches and their percentiles (no Django: the
before/after benches import this from both checkouts' processes)."""

import statistics

QUERIES = [("covoiturage", "fr", {"dimension": ["mobility"]}),
           ("village shop", "en", {}),
           ("Mobilität", "de", {"country": ["AT", "CH"]}),
           ("telemedicina", "it", {"status": ["ongoing"]}),
           ("energetska skupnost", "sl", {}),
           ("tiers-lieu coworking", "fr", {"challenge": ["local-economy"]}),
           ("broadband", "en", {"dimension": ["economy", "people"]}),
           ("Bürgerbus", "de", {})]


def percentiles(samples):
    """(p50, p95)"""
    cuts = statistics.quantiles(samples, n=100)
    return cuts[49], cuts[94]
