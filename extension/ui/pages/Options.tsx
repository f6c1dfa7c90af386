/**
 * Options placeholder (the full page is a later issue): choose the preset, add webmail origins.
 */
import { useEffect, useState } from 'react';
import { PRESET_IDS, SOURCES, type PresetId } from '../../../shared/policy';
import { originToMatchPattern } from '../../lib/origins';
import { S } from '../strings';
import './pages.css';

export interface OptionsApi {
  getPreset(): Promise<string>;
  setPreset(id: PresetId): Promise<void>;
  getOrigins(): Promise<string[]>;
  addOrigin(pattern: string): Promise<boolean>;
  removeOrigin(pattern: string): Promise<void>;
}

export function Options({ api }: { api: OptionsApi }) {
  const [preset, setPreset] = useState<string>('');
  const [saved, setSaved] = useState(false);
  const [origins, setOrigins] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    void api.getPreset().then(setPreset);
    void api.getOrigins().then(setOrigins);
  }, [api]);

  const choose = async (id: PresetId) => {
    setPreset(id);
    await api.setPreset(id);
    setSaved(true);
  };

  const add = async () => {
    setError('');
    const pattern = originToMatchPattern(draft);
    if (!pattern) {
      setError(`${S.invalidOrigin.vi} / ${S.invalidOrigin.en}`);
      return;
    }
    const ok = await api.addOrigin(pattern).catch(() => false);
    if (!ok) {
      setError(`${S.permissionDenied.vi} / ${S.permissionDenied.en}`);
      return;
    }
    setDraft('');
    setOrigins(await api.getOrigins());
  };

  return (
    <main className="options">
      <h1>
        {S.optionsTitle.vi} <span className="en">{S.optionsTitle.en}</span>
      </h1>
      <label htmlFor="preset">
        {S.presetLabel.vi} <span className="en">{S.presetLabel.en}</span>
      </label>
      <select id="preset" value={preset} onChange={(e) => void choose(e.target.value as PresetId)}>
        {PRESET_IDS.map((id) => (
          <option key={id} value={id}>
            {SOURCES[id].vi}
          </option>
        ))}
      </select>{' '}
      {saved && (
        <span className="saved" role="status">
          {S.saved.vi} <span className="en">{S.saved.en}</span>
        </span>
      )}
      <p className="note">
        {S.managedNote.vi} <span className="en">{S.managedNote.en}</span>
      </p>

      <h2>
        {S.originsTitle.vi} <span className="en">{S.originsTitle.en}</span>
      </h2>
      <p>
        {S.originsHelp.vi} <span className="en">{S.originsHelp.en}</span>
      </p>
      <ul>
        {origins.map((o) => (
          <li key={o}>
            <code>{o}</code>{' '}
            <button type="button" onClick={() => void api.removeOrigin(o).then(async () => setOrigins(await api.getOrigins()))}>
              {S.remove.vi}
            </button>
          </li>
        ))}
      </ul>
      <input aria-label={S.originsTitle.vi} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="https://mail.example.gov.vn" />{' '}
      <button type="button" onClick={() => void add()}>
        {S.add.vi} <span className="en">{S.add.en}</span>
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="privacy">
        {S.privacy.vi} <span className="en">{S.privacy.en}</span>
      </p>
    </main>
  );
}
