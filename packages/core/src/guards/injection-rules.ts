/** One prompt-injection / jailbreak signal and how much it weighs (0..1). */
export interface InjectionRule {
  id: string;
  weight: number;
  /** Runs on normalised text (lower-cased, homoglyphs and leetspeak folded). Bounded quantifiers only. */
  regex: RegExp;
}

/**
 * Heuristic signals of prompt injection and jailbreaks, drawn from public attack collections
 * (ignore-previous-instructions, DAN/developer mode, system-prompt extraction, fake role tags).
 * Weights combine as independent evidence: score = 1 - Π(1 - weight).
 */
export const INJECTION_RULES: readonly InjectionRule[] = [
  {
    id: 'ignore_instructions',
    weight: 0.75,
    regex:
      /\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,40}?\b(?:previous|prior|above|earlier|preceding|all|your|the|system|original)\b[^.\n]{0,30}?\b(?:instructions?|prompts?|rules?|directives?|guidelines?|messages?|context)\b/g,
  },
  {
    id: 'new_instructions',
    weight: 0.35,
    regex:
      /\b(?:new|updated|real|actual|true)\s{1,5}(?:instructions?|system\s{1,5}prompt|rules)\s{0,5}(?::|are\b|follow\b)/g,
  },
  {
    id: 'reveal_system_prompt',
    weight: 0.6,
    regex:
      /\b(?:reveal|show|print|repeat|output|display|leak|tell\s{1,5}me|what\s{1,5}(?:is|are))\b[^.\n]{0,30}?\b(?:system\s{0,5}prompt|hidden\s{1,5}(?:prompt|instructions?)|initial\s{1,5}instructions?|your\s{1,5}(?:instructions|rules|prompt))\b/g,
  },
  {
    id: 'persona_jailbreak',
    weight: 0.6,
    regex:
      /\b(?:dan\s{1,3}(?:mode|prompt|jailbreak)|you\s{1,5}are\s{1,5}(?:now\s{1,5})?dan\b|do\s{1,5}anything\s{1,5}now|developer\s{1,5}mode|jailbr[eo]a?k(?:en|ed)?|god\s{1,5}mode|evil\s{1,5}(?:bot|ai|assistant)|unfiltered\s{1,5}(?:ai|mode|assistant)|no\s{1,5}restrictions|without\s{1,5}(?:any\s{1,5})?(?:restrictions|filters|limits|censorship))/g,
  },
  {
    id: 'roleplay_override',
    weight: 0.3,
    regex:
      /\b(?:pretend|act\s{1,5}as\s{1,5}if|imagine|from\s{1,5}now\s{1,5}on)\b[^.\n]{0,40}?\b(?:you\s{1,5}(?:are|have)\s{1,5}(?:no|not|free)|no\s{1,5}(?:rules|limits|guidelines|restrictions)|not\s{1,5}bound)/g,
  },
  {
    id: 'fake_role_tag',
    weight: 0.55,
    regex: /(?:<\|(?:im_start|im_end|system|endoftext|start_header_id)\|>|\[\/?inst\]|<<\/?sys>>)/g,
  },
  {
    // A line that opens like a chat transcript or prompt template. Weak alone: "System: Ubuntu 22.04"
    // in a bug report is innocent; it matters together with other signals.
    id: 'role_prefix',
    weight: 0.3,
    regex: /(?:^|\n)\s{0,5}(?:#{2,4}\s{0,3}(?:system|instruction)s?\s{0,3}:?|system\s{0,3}:)/g,
  },
  {
    id: 'safety_off',
    weight: 0.45,
    regex:
      /\b(?:disable|turn\s{1,5}off|deactivate|remove|ignore)\b[^.\n]{0,20}?\b(?:safety|content|ethical|moderation)\s{0,5}(?:filters?|guidelines|guardrails|policies|restrictions|protocols?)\b/g,
  },
  {
    id: 'encoded_payload',
    weight: 0.25,
    regex:
      /\b(?:base64|rot13|hex)[^.\n]{0,20}?\b(?:decode|decoded|encoded)\b|(?<![a-z0-9+/])[a-z0-9+/]{120,4096}={0,2}/g,
  },
];
