/**
 * Vietnamese text toolkit of the rule core: normalisation, the classified-marking matcher
 * (rule `classified-content`) and TCVN3/VNI detection + conversion (rule `legacy-encoding`).
 * Pure TypeScript, no DOM or Node APIs.
 */
export {
  collapseSpacedLetters,
  foldCase,
  nfcWithMap,
  normalizeForMatch,
  normalizeLoose,
  removeIgnorables,
  singleLine,
  stripDiacritics,
  toNFC,
  toNFD,
  type MappedText,
} from './normalize';
export {
  compileCustomMarkings,
  excerptAround,
  findMarkings,
  type CustomMarkingError,
  type CustomMarkings,
  type FindMarkingsOptions,
  type MarkingLevel,
  type MarkingMatch,
} from './markings';
export {
  convertLegacyToUnicode,
  detectLegacyEncoding,
  isVietnameseSyllable,
  type ConvertOptions,
  type LegacyDetection,
  type LegacyEncoding,
} from './legacy';
