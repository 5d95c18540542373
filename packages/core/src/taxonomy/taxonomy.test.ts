import { describe, expect, it } from 'vitest';
import { HARM_CATEGORIES, HARM_CATEGORY_IDS, harmCategoryFromName, isHarmCategory } from './categories.js';
import {
  harmToLlamaGuardCodes,
  harmToOpenAICategories,
  LLAMA_GUARD_CATEGORIES,
  LLAMA_GUARD_TO_HARM,
  OPENAI_TO_HARM,
} from './mappings.js';
import { maxSeverity, SEVERITIES, severityFromRank, severityRank } from './severity.js';

describe('taxonomy', () => {
  it('has the 19 PKU-SafeRLHF categories with unique ids, names and definitions', () => {
    expect(HARM_CATEGORIES).toHaveLength(19);
    expect(new Set(HARM_CATEGORY_IDS).size).toBe(19);
    for (const c of HARM_CATEGORIES) {
      expect(c.id).toMatch(/^[a-z_]+$/);
      expect(c.definition.length).toBeGreaterThan(10);
    }
    expect(harmCategoryFromName('White-Collar Crime')).toBe('white_collar_crime');
    expect(harmCategoryFromName('endangering national security')).toBe('endangering_national_security');
    expect(isHarmCategory('cybercrime')).toBe(true);
    expect(isHarmCategory('pii')).toBe(false);
  });

  it('orders severities none < minor < moderate < severe', () => {
    expect(SEVERITIES).toEqual(['none', 'minor', 'moderate', 'severe']);
    expect(severityRank('severe')).toBe(3);
    expect(maxSeverity('minor', 'moderate')).toBe('moderate');
    expect(severityFromRank(7)).toBe('severe');
    expect(severityFromRank(-1)).toBe('none');
  });

  it('maps Llama Guard S1-S14 and OpenAI categories onto valid harm ids only', () => {
    expect(Object.keys(LLAMA_GUARD_CATEGORIES)).toHaveLength(14);
    for (const harms of [...Object.values(LLAMA_GUARD_TO_HARM), ...Object.values(OPENAI_TO_HARM)]) {
      expect(harms.length).toBeGreaterThan(0);
      for (const h of harms) expect(isHarmCategory(h)).toBe(true);
    }
  });

  it('translates in reverse, so every harm category reaches some Llama Guard code', () => {
    for (const id of HARM_CATEGORY_IDS) expect(harmToLlamaGuardCodes(id).length).toBeGreaterThan(0);
    expect(harmToLlamaGuardCodes('cybercrime')).toContain('S14');
    expect(harmToOpenAICategories('sexual_content')).toEqual(['sexual', 'sexual/minors']);
    expect(harmToOpenAICategories('environmental_damage')).toEqual([]);
  });
});
