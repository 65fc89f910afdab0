import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A wide table that scrolls sideways on a phone. It takes the keyboard focus, so an officer without a mouse or touch
 * can scroll it with the arrow keys, and it is a named region for screen readers.
 */
export function Scroll({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      className={className ? `${className} scroll` : 'scroll'}
      tabIndex={0}
      role="region"
      aria-label={t('tableOf', { name: label })}
    >
      {children}
    </div>
  );
}
