"""Arabic named-entity recognition: a CRF tagger trained on ANERcorp, shipped in marsad/data/ner.

``conll`` reads `token TAG` files, ``score`` is the conlleval-style scorer, ``features`` turns a
sentence into CRF features (affixes, clitics, gazetteers, word clusters, trigger words),
``tagger`` loads the shipped model, ``train``/``evaluate`` back the CLI, ``stage`` is the
pipeline stage that fills ``Article.ner_spans``.
"""
