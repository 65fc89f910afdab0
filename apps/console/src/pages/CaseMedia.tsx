import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, reasonOf, Schemas } from '../api/client';

type Attachment = Schemas['CaseAttachmentDto'];

/**
 * What the citizen sent besides words: each photo, voice note or video is fetched only when the officer asks (every
 * view is audited, and a slow connection loads nothing it does not need), then shown in place.
 */
export function CaseMedia({ caseId, attachments }: { caseId: string; attachments: Attachment[] }) {
  const { t } = useTranslation();
  if (!attachments.length) return null;
  return (
    <section aria-label={t('attachments')} className="media">
      <h2>{t('attachments')}</h2>
      <p className="muted">{t('attachmentAudited')}</p>
      <ul className="list">
        {attachments.map((a) => (
          <li key={a.id}>
            <AttachmentView caseId={caseId} attachment={a} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function AttachmentView({ caseId, attachment: a }: { caseId: string; attachment: Attachment }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  const kind = a.kind ? t(`attachmentKinds.${a.kind}`) : '';
  if (a.status === 'pending') return <span className="muted">{t('attachmentPending')}</span>;
  if (a.status !== 'stored') return <span className="muted">{t('attachmentNotKept', { why: a.failure })}</span>;
  const show = async () => {
    const {
      data,
      error: failed,
      response,
    } = await api.GET('/api/v1/inbox/cases/{id}/attachments/{attachmentId}', {
      params: { path: { id: caseId, attachmentId: a.id } },
      parseAs: 'blob',
    });
    if (data) setUrl(URL.createObjectURL(data));
    else setError(reasonOf(failed, response.status));
  };
  if (!url)
    return (
      <>
        <button type="button" onClick={() => void show()}>
          {t('attachmentShow', { kind })}
        </button>
        {error && <span role="alert"> {error}</span>}
      </>
    );
  return (
    <figure>
      {a.kind === 'image' && <img src={url} alt={kind} />}
      {a.kind === 'audio' && <audio controls src={url} aria-label={kind} />}
      {a.kind === 'video' && <video controls src={url} aria-label={kind} />}
      <figcaption>
        <a href={url} download>
          {t('attachmentOpen')}
        </a>
      </figcaption>
    </figure>
  );
}

/** A location the citizen shared: the coordinates, and a geo: link that opens the phone's own map. */
export function CaseLocation({ location }: { location: Schemas['CaseLocationDto'] | null }) {
  const { t } = useTranslation();
  if (!location) return null;
  const at = `${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`;
  return (
    <p>
      {t('sharedLocation')}: {at} · <a href={`geo:${location.latitude},${location.longitude}`}>{t('openInMaps')}</a>
    </p>
  );
}
