"""Every tuned number of the OCR repair, each with the bench figure that set it.

Figures are `make bench-quick`'s "OCR repair (every word)" section (bench/repair.py scores every
word of the true text): restored = share of damaged words restored, changed = share of correct
words changed, on seed 000 (vs its hand-corrected text) and on the clean seeds stripped of
diacritics. Rates that are data, not tuning, live in data/confusions.tsv (pipeline/repair/model.py).
"""

from __future__ import annotations

# --- the confusion model (model.py) ---
# Readings made of letters seen fewer times than this on seed 000 are anecdotes, left out of the
# channel (a reading with a mark always counts). With NOISE_SCALE 2: 1 -> 000 restored 96.9 %,
# confused seeds 94.8 %, changed 0.05 % / 0.10 %; 2 -> 96.2 %, 93.8 %; 3 -> the same as 2.
MIN_CONFUSION_COUNT = 1
# A reading seen for one of å/ä/ö counts this much for the others (0, 0.5 and 1.0 gave the same
# 000 figure, 95.5 %, at NOISE_SCALE 1.5; 0.5 lets 'é' stand for any of the three).
CONFUSION_PSEUDO_COUNT = 0.5
# measure_damage(seed 000).noise: the page noise at which the table's rates were counted.
NOISE_OF_SEED_000 = 0.1659
# How much of a page's noise a foreign reading of å/ä/ö takes, times its share in the table
# (MIN_CONFUSION_COUNT 2): 1.0 -> 000 restored 95.1 %; 1.5 -> 95.5 %; 2.0 -> 96.2 %; stripped
# seeds 97.6 % and changed shares the same for all three (no noise there).
NOISE_SCALE = 2.0

# --- how damaged a page is (words.measure_damage) ---
EXPECTED_DIACRITICS = 0.04  # share of letters that are å, ä or ö in Swedish prose (clean seeds: 3.6-4.4 %)
STRIP_FROM_RATIO = 0.6  # a diacritic rate under this share of the expected one means flattening
MAX_STRIP, MAX_NOISE = 0.95, 0.3
NOISE_FROM_MARKS, MIN_MARKS = 3.0, 0.004  # foreign marks per word -> noise; fewer than MIN_MARKS is none
CLEAN_STRIP, CLEAN_NOISE = 0.05, 0.005  # below both a page is clean: the clean seeds change 0 words

# --- the word model (words.py), in log10 units (Zipf) ---
# A candidate must beat the word as written by this much: 0.8 -> 000 changed 0.10 %; 1.0 ->
# 0.05 %, stripped seeds restored 97.6 %; 1.2 -> stripped 96.8 %.
MARGIN = 1.0
STRIP_MARGIN_CUT = 0.7  # ... less on flattened pages, times their strip rate
LISTED_ZIPF, LISTED_MARGIN = 2.4, 0.4  # ... more when the word as written is real and common
# The genre list's words (and words built on them) are likelier than look-alikes: 0.4 -> stripped
# seeds restored 96.8 %; 0.7 and 1.0 -> 97.6 %.
GENRE_BONUS = 0.7
SEEN_BONUS = 0.7  # a spelling with å/ä/ö the document itself uses elsewhere
SEEN_TWICE_BONUS = 0.5  # the word as written, when the document writes it so twice or more
SPELLED_ZIPF = 2.0  # a variant hunspell accepts counts as a rare but real word
SPELL_CHECKS = 4  # hunspell look-ups per token (each costs milliseconds)
SPELL_CHANNEL_FLOOR = -4.0  # variants less likely than this under the channel are not looked up
MAX_EDITS = 3  # letters a whole-word variant may change
MAX_VARIANTS = 512  # readings of one token explored (beam width, skeleton keys)
RARE_ZIPF = 2.0  # a listed word rarer than this may still be a damaged reading ('frain': web noise)
MAX_UNITS = 2  # letters read as several characters ('id' for ä) assumed in one token
UNSPELLED_ORIG = 0.5  # an unlisted word hunspell rejects scores at most this
NONWORD_ORIG = -0.5  # ... and less when no listed parts make it up either
UNKNOWN_ORIG = -2.0  # a token that is not letters at all ('f0r')
MARKED_PENALTY = 1.5  # ... and less again when foreign marks sit inside it
SPELLED_ORIG = 1.0  # how much a word hunspell accepts as written may lose by and still be kept
COMPOUND_COST = 1.0  # a compound reading is less certain than a listed word
COMPOUND_PART = 2.0  # score each part of a compound reading must reach (1.0 for a tail after -s-)
MARKED_COMPOUND_GAP = 1.5  # a marked token's unlisted compound reading: its parts' lead over the channel
VARIANT_BONUS_STEP, VARIANT_BONUS_MAX = 0.5, 2.0  # per further damaged spelling of one word in a document

FUNCTION_WORD_ZIPF = 6.0  # 'Det', 'Vi': a capitalised word this common starts a sentence, not a name

# --- context (context.py) ---
# A reading the sentence supports ('41 ar' -> 'år'): 1.0 -> 000 restored 93.9 %, stripped 95.5 %;
# 2.0 -> 95.5 %, 97.6 %; 3.0 -> the same as 2.0.
CUE_BONUS = 2.0

# --- lexicon (lexicon.py) ---
DOMAIN_ZIPF = 4.0  # curated genre words count as moderately common words
MIN_PART = 3  # shortest compound part worth trusting
COMPOUND_PENALTY = 1.0  # a compound is less certain than a listed word
PART_ZIPF, TAIL_ZIPF = 2.5, 2.0  # parts of a compound must be this common

# --- OCR confidence (figures.py, checks.py) ---
# A figure Tesseract read with less confidence than this (its word confidence, 0-100) is doubtful:
# a '%' read as digits is put back on less other evidence, and a finding that rests on the figure is
# only a note. On the scans of `make bench` ("Facts from scans and PDFs") misread figures read
# 35-79 and correct ones mostly 85-96.
OCR_DOUBT = 80.0
