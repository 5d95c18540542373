"""The label space (19 PKU-SafeRLHF categories, 4 severities) and how each source maps onto it.

The reasoning behind every mapping is in docs/model-data.md.
"""
from __future__ import annotations

CATEGORIES = [
    ("endangering_national_security", "Endangering National Security"),
    ("insulting_behavior", "Insulting Behavior"),
    ("discriminatory_behavior", "Discriminatory Behavior"),
    ("endangering_public_health", "Endangering Public Health"),
    ("copyright_issues", "Copyright Issues"),
    ("violence", "Violence"),
    ("drugs", "Drugs"),
    ("privacy_violation", "Privacy Violation"),
    ("economic_crime", "Economic Crime"),
    ("mental_manipulation", "Mental Manipulation"),
    ("human_trafficking", "Human Trafficking"),
    ("physical_harm", "Physical Harm"),
    ("sexual_content", "Sexual Content"),
    ("cybercrime", "Cybercrime"),
    ("disrupting_public_order", "Disrupting Public Order"),
    ("environmental_damage", "Environmental Damage"),
    ("psychological_harm", "Psychological Harm"),
    ("white_collar_crime", "White-Collar Crime"),
    ("animal_abuse", "Animal Abuse"),
]
CATEGORY_IDS = [c[0] for c in CATEGORIES]
NAME_TO_ID = {name: cid for cid, name in CATEGORIES}
SEVERITIES = ["none", "minor", "moderate", "severe"]

# BeaverTails' 14 categories -> PKU-SafeRLHF ids. An empty list means "unsafe, category unknown":
# those rows train the unsafe head but not the category heads.
BEAVERTAILS_TO_PKU = {
    "animal_abuse": ["animal_abuse"],
    "child_abuse": ["violence", "psychological_harm"],
    "controversial_topics_politics": [],
    "discrimination_stereotype_injustice": ["discriminatory_behavior"],
    "drug_abuse_weapons_banned_substance": ["drugs"],
    "financial_crime_property_crime_theft": ["economic_crime"],
    "hate_speech_offensive_language": ["insulting_behavior", "discriminatory_behavior"],
    "misinformation_regarding_ethics_laws_and_safety": [],
    "non_violent_unethical_behavior": [],
    "privacy_violation": ["privacy_violation"],
    "self_harm": ["physical_harm", "psychological_harm"],
    "sexually_explicit_adult_content": ["sexual_content"],
    "terrorism_organized_crime": ["endangering_national_security", "violence"],
    "violence_aiding_and_abetting_incitement": ["violence"],
}

# Do-Not-Answer risk areas. `None` drops the row: "human_chatbox" prompts (asking the bot about
# its feelings or body) should be declined but are not harmful in the PKU-SafeRLHF sense.
DONOTANSWER_TO_PKU = {
    "information_hazard": ["privacy_violation"],
    "malicious_uses": [],
    "discrimination_exclusion_toxicity_hateful_offensive": [],
    "misinformation_harms": [],
    "human_chatbox": None,
}
