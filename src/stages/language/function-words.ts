/**
 * Function words per language: short, frequent words that identify a language even in a
 * three-word fragment, where character n-gram detectors guess. Words shared with English
 * ("a", "in", "de" in names…) are left out of the other lists.
 */
export const FUNCTION_WORDS: Record<string, readonly string[]> = {
  en: ['the', 'of', 'and', 'to', 'is', 'was', 'that', 'for', 'with', 'on', 'are', 'this', 'by', 'from', 'have', 'has', 'it', 'not', 'be', 'were', 'which', 'their', 'will', 'would', 'been', 'they', 'he', 'she', 'we', 'an', 'at', 'or', 'but', 'who', 'during', 'after', 'between'],
  fr: ['le', 'la', 'les', 'des', 'du', 'et', 'est', 'une', 'un', 'dans', 'pour', 'que', 'qui', 'pas', 'sur', 'avec', 'au', 'aux', 'ce', 'cette', 'sont', 'par', 'mais', 'ou', 'où', 'il', 'elle', 'nous', 'vous', 'ils', 'leur', 'durant', 'pendant', 'entre', 'selon', 'été', 'être', 'avait', 'très', 'sans', 'sous', 'lors', "l'", "d'", "qu'"],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ein', 'eine', 'zu', 'den', 'mit', 'von', 'auf', 'für', 'sich', 'dem', 'des', 'auch', 'es', 'wird', 'wurde', 'bei', 'nach', 'aus', 'wie', 'oder', 'aber', 'während', 'über', 'sind', 'hat', 'im', 'zum', 'zur'],
  es: ['el', 'los', 'las', 'del', 'y', 'es', 'una', 'por', 'con', 'para', 'que', 'su', 'sus', 'se', 'lo', 'como', 'pero', 'más', 'fue', 'durante', 'entre', 'según', 'también', 'muy', 'sin', 'sobre', 'está', 'han'],
  it: ['il', 'lo', 'gli', 'della', 'dei', 'delle', 'e', 'è', 'che', 'per', 'una', 'con', 'non', 'sono', 'nel', 'nella', 'alla', 'come', 'anche', 'più', 'ma', 'durante', 'tra', 'secondo', 'stato', 'questo', 'questa'],
  pt: ['o', 'os', 'as', 'do', 'da', 'dos', 'das', 'e', 'é', 'que', 'em', 'um', 'uma', 'para', 'com', 'não', 'por', 'mais', 'como', 'foi', 'durante', 'entre', 'segundo', 'também', 'muito', 'sem', 'sobre', 'está', 'são', 'ao', 'na', 'no'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'niet', 'dat', 'op', 'te', 'zijn', 'met', 'voor', 'die', 'er', 'ook', 'aan', 'werd', 'wordt', 'bij', 'naar', 'tijdens', 'tussen', 'volgens', 'maar', 'nog'],
};
