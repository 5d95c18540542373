import type { HarmCategoryId } from './categories.js';

/** Llama Guard 3 hazard codes S1–S14. */
export const LLAMA_GUARD_CATEGORIES = {
  S1: 'Violent Crimes',
  S2: 'Non-Violent Crimes',
  S3: 'Sex-Related Crimes',
  S4: 'Child Sexual Exploitation',
  S5: 'Defamation',
  S6: 'Specialized Advice',
  S7: 'Privacy',
  S8: 'Intellectual Property',
  S9: 'Indiscriminate Weapons',
  S10: 'Hate',
  S11: 'Suicide & Self-Harm',
  S12: 'Sexual Content',
  S13: 'Elections',
  S14: 'Code Interpreter Abuse',
} as const;

/** A Llama Guard 3 hazard code. */
export type LlamaGuardCode = keyof typeof LLAMA_GUARD_CATEGORIES;

/**
 * Llama Guard code -> the PKU-SafeRLHF categories it covers. Broad codes (S2 non-violent crimes)
 * fan out to several categories; S6 (specialised advice) covers dangerous medical advice only.
 */
export const LLAMA_GUARD_TO_HARM: Readonly<Record<LlamaGuardCode, readonly HarmCategoryId[]>> = {
  S1: ['violence', 'physical_harm', 'human_trafficking', 'animal_abuse'],
  S2: [
    'economic_crime',
    'white_collar_crime',
    'cybercrime',
    'drugs',
    'environmental_damage',
    'mental_manipulation',
  ],
  S3: ['sexual_content', 'human_trafficking'],
  S4: ['sexual_content'],
  S5: ['insulting_behavior'],
  S6: ['endangering_public_health'],
  S7: ['privacy_violation'],
  S8: ['copyright_issues'],
  S9: ['endangering_national_security', 'physical_harm'],
  S10: ['discriminatory_behavior', 'insulting_behavior'],
  S11: ['psychological_harm', 'physical_harm'],
  S12: ['sexual_content'],
  S13: ['disrupting_public_order', 'endangering_national_security'],
  S14: ['cybercrime'],
};

/** Categories of the OpenAI moderation endpoint (omni-moderation). */
export const OPENAI_MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

/** An OpenAI moderation category. */
export type OpenAIModerationCategory = (typeof OPENAI_MODERATION_CATEGORIES)[number];

/** OpenAI moderation category -> the PKU-SafeRLHF categories it covers. */
export const OPENAI_TO_HARM: Readonly<Record<OpenAIModerationCategory, readonly HarmCategoryId[]>> = {
  harassment: ['insulting_behavior', 'psychological_harm'],
  'harassment/threatening': ['insulting_behavior', 'violence'],
  hate: ['discriminatory_behavior', 'insulting_behavior'],
  'hate/threatening': ['discriminatory_behavior', 'violence'],
  illicit: ['economic_crime', 'white_collar_crime', 'cybercrime', 'drugs', 'copyright_issues'],
  'illicit/violent': ['violence', 'physical_harm', 'endangering_national_security', 'human_trafficking'],
  'self-harm': ['psychological_harm', 'physical_harm'],
  'self-harm/intent': ['psychological_harm'],
  'self-harm/instructions': ['physical_harm', 'psychological_harm'],
  sexual: ['sexual_content'],
  'sexual/minors': ['sexual_content'],
  violence: ['violence'],
  'violence/graphic': ['violence'],
};

function invert<K extends string>(table: Readonly<Record<K, readonly HarmCategoryId[]>>) {
  const result = new Map<HarmCategoryId, K[]>();
  for (const [code, harms] of Object.entries(table) as [K, readonly HarmCategoryId[]][]) {
    for (const harm of harms) result.set(harm, [...(result.get(harm) ?? []), code]);
  }
  return result;
}

const harmToLlamaGuard = invert(LLAMA_GUARD_TO_HARM);
const harmToOpenAI = invert(OPENAI_TO_HARM);

/** The Llama Guard codes that cover a PKU-SafeRLHF category (empty when none does). */
export function harmToLlamaGuardCodes(category: HarmCategoryId): readonly LlamaGuardCode[] {
  return harmToLlamaGuard.get(category) ?? [];
}

/** The OpenAI moderation categories that cover a PKU-SafeRLHF category (empty when none does). */
export function harmToOpenAICategories(category: HarmCategoryId): readonly OpenAIModerationCategory[] {
  return harmToOpenAI.get(category) ?? [];
}
