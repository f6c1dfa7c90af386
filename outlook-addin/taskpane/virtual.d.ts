declare module 'congvu:regulations' {
  import type { RegulationTexts } from './regulation-text';
  const texts: RegulationTexts;
  export default texts;
}
