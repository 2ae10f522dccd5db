"""Extract a report from the raw text of its PDF: clean text, structure, number mentions, drafts.

clean      artefact removal (footers, headers, wraps, stray spaces), fidelity-preserving
structure  chapters / sections / subsections / paragraphs with ids
mentions   every number (digits, and Chinese numerals where the genre prints values so) with unit and cues
yamlout    content-model YAML (report.yml, chapters/NN.yml)
draft      write_draft: a whole draft report folder from a seed
"""
