"""Extract a report from the raw text of its PDF: clean text, structure, number mentions, drafts.

clean      artefact removal (footers, headers, wraps, stray spaces), fidelity-preserving
structure  chapters / sections / subsections / paragraphs with ids
mentions   every Arabic-digit number with unit and cues; observation and ignored proposals
yamlout    content-model YAML (report.yml, chapters/NN.yml)
draft      write_draft: a whole draft report folder from a seed
"""
