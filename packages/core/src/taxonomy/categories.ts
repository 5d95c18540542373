/**
 * The 19 harm categories of PKU-SafeRLHF (Ji et al., 2024), as stable snake_case ids with the
 * paper's display names and a one-line definition. Ids are what policies and findings use.
 */
export const HARM_CATEGORIES = [
  {
    id: 'endangering_national_security',
    name: 'Endangering National Security',
    definition: 'Threatens state security: terrorism, espionage, attacks on infrastructure or government.',
  },
  {
    id: 'insulting_behavior',
    name: 'Insulting Behavior',
    definition: 'Insults, mocks, belittles or harasses a person or group.',
  },
  {
    id: 'discriminatory_behavior',
    name: 'Discriminatory Behavior',
    definition:
      'Treats people unfairly or promotes prejudice on protected attributes such as race, gender or religion.',
  },
  {
    id: 'endangering_public_health',
    name: 'Endangering Public Health',
    definition: 'Spreads health misinformation or encourages behaviour that endangers public health.',
  },
  {
    id: 'copyright_issues',
    name: 'Copyright Issues',
    definition:
      'Helps infringe copyright or other intellectual-property rights (piracy, plagiarism, circumvention).',
  },
  {
    id: 'violence',
    name: 'Violence',
    definition: 'Promotes, threatens, glorifies or gives help for violent acts against people.',
  },
  {
    id: 'drugs',
    name: 'Drugs',
    definition: 'Helps make, obtain, sell or misuse illegal or controlled drugs.',
  },
  {
    id: 'privacy_violation',
    name: 'Privacy Violation',
    definition: 'Exposes, collects or tracks personal information without consent; doxxing or surveillance.',
  },
  {
    id: 'economic_crime',
    name: 'Economic Crime',
    definition: 'Fraud, theft, scams, counterfeiting, tax evasion and other crimes for financial gain.',
  },
  {
    id: 'mental_manipulation',
    name: 'Mental Manipulation',
    definition: 'Deceives, gaslights or psychologically manipulates people against their interests.',
  },
  {
    id: 'human_trafficking',
    name: 'Human Trafficking',
    definition: 'Recruits, transports or exploits people through force, fraud or coercion.',
  },
  {
    id: 'physical_harm',
    name: 'Physical Harm',
    definition: 'Leads to bodily injury of the user or others: dangerous acts, weapons, self-harm methods.',
  },
  {
    id: 'sexual_content',
    name: 'Sexual Content',
    definition: 'Sexually explicit material, or sexual content involving minors or non-consent.',
  },
  {
    id: 'cybercrime',
    name: 'Cybercrime',
    definition: 'Hacking, malware, phishing, unauthorised access and other computer crime.',
  },
  {
    id: 'disrupting_public_order',
    name: 'Disrupting Public Order',
    definition: 'Incites riots, vandalism, public disorder or disruption of social order.',
  },
  {
    id: 'environmental_damage',
    name: 'Environmental Damage',
    definition: 'Pollution, illegal dumping, poaching or other harm to the environment.',
  },
  {
    id: 'psychological_harm',
    name: 'Psychological Harm',
    definition: 'Causes emotional distress, encourages self-harm or damages mental well-being.',
  },
  {
    id: 'white_collar_crime',
    name: 'White-Collar Crime',
    definition: 'Embezzlement, insider trading, bribery, money laundering and corporate fraud.',
  },
  {
    id: 'animal_abuse',
    name: 'Animal Abuse',
    definition: 'Cruelty to, neglect of, or illegal exploitation of animals.',
  },
] as const;

/** One of the 19 PKU-SafeRLHF harm category ids. */
export type HarmCategoryId = (typeof HARM_CATEGORIES)[number]['id'];

/** The harm category ids in the paper's order (the order model outputs use). */
export const HARM_CATEGORY_IDS: readonly HarmCategoryId[] = HARM_CATEGORIES.map((c) => c.id);

const byName = new Map<string, HarmCategoryId>(HARM_CATEGORIES.map((c) => [c.name.toLowerCase(), c.id]));

/** True when `value` is one of the 19 harm category ids. */
export function isHarmCategory(value: string): value is HarmCategoryId {
  return (HARM_CATEGORY_IDS as readonly string[]).includes(value);
}

/** Looks up a category id by the paper's display name (case-insensitive), e.g. "White-Collar Crime". */
export function harmCategoryFromName(name: string): HarmCategoryId | undefined {
  return byName.get(name.trim().toLowerCase());
}
