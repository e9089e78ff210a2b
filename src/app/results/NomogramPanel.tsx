import { memo, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { ModelNomogram } from '../../core/nomogram/from-model';
import { Nomogram } from '../../components/charts/Nomogram';
import { PointsTable } from '../../components/PointsTable';
import { formatCount } from '../format';
import i18n from '../../i18n';
import './nomogram.css';

/**
 * One A4 page, portrait, 10 mm margins (@page nomogram in nomogram.css), in CSS pixels (96 per inch):
 * the sheet is laid out at the page's width, and shrunk (CSS zoom) when it is taller than the page.
 */
const PAGE_WIDTH = Math.floor((190 / 25.4) * 96); // 718
const PAGE_HEIGHT = Math.floor((277 / 25.4) * 96) - 8; // 1038, a little under 1047 for rounding

interface Props {
  nomogram: ModelNomogram;
  outcomeLabel: string;
  modelName: string;
  trainRows: number;
}

/**
 * The nomogram, its points table and "Print nomogram": the print view holds only these, on one A4 page.
 * Printing renders a sheet outside the app (a portal into <body>), fits it to the page, marks <html> so
 * the print style hides everything else, and prints; the mark and the sheet go after printing.
 */
export const NomogramPanel = memo(function NomogramPanel({ nomogram: n, outcomeLabel, modelName, trainRows }: Props) {
  const { t } = useTranslation();
  // each click is a new request (a browser that never says "afterprint" does not block the next one)
  const [request, setRequest] = useState(0);
  const sheetRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (request === 0) return;
    const root = document.documentElement;
    const done = () => {
      delete root.dataset.print;
      setRequest(0);
    };
    // after the sheet (and its SVG) has laid out
    const handle = window.setTimeout(() => {
      const sheet = sheetRef.current;
      if (!sheet) return;
      // the largest zoom at which the sheet fits the page's height, its laid-out width PAGE_WIDTH / zoom so
      // that it always fills the page's width: a wider sheet puts the table beside the nomogram (shorter),
      // and the zoomed height only falls as the zoom does, so bisection finds it
      const fitsAt = (zoom: number) => {
        sheet.style.width = `${PAGE_WIDTH / zoom}px`;
        sheet.style.zoom = String(zoom);
        return sheet.getBoundingClientRect().height <= PAGE_HEIGHT;
      };
      if (!fitsAt(1)) {
        let lo = 0.05;
        let hi = 1;
        for (let step = 0; step < 12; step++) {
          const mid = (lo + hi) / 2;
          if (fitsAt(mid)) lo = mid;
          else hi = mid;
        }
        fitsAt(lo);
      }
      root.dataset.print = 'nomogram';
      window.addEventListener('afterprint', done, { once: true });
      window.print();
    }, 150);
    return () => {
      clearTimeout(handle);
      window.removeEventListener('afterprint', done);
    };
  }, [request]);

  // the mark must not outlive the panel (a new training run unmounts it)
  useEffect(() => () => void delete document.documentElement.dataset.print, []);

  return (
    <div className="nomogram-panel">
      <h3>{t('nomogram.heading')}</h3>
      <p className="hint">{t('nomogram.lead')}</p>
      <button type="button" className="secondary" data-testid="nomogram-print-button" onClick={() => setRequest((k) => k + 1)}>
        {t('nomogram.print')}
      </button>
      <Nomogram nomogram={n} outcomeLabel={outcomeLabel} />
      {n.omitted.length > 0 && <p className="hint">{t('nomogram.omitted', { columns: n.omitted.join(', ') })}</p>}
      <PointsTable table={n.table} />
      {request > 0 &&
        createPortal(
          <div className="nomogram-print-stage" data-testid="nomogram-print-stage" style={{ width: PAGE_WIDTH }}>
            <div className="nomogram-sheet" ref={sheetRef}>
              <Nomogram nomogram={n} outcomeLabel={outcomeLabel} testId="nomogram-print" note={<p className="nomogram-sheet-lead">{t('nomogram.lead')}</p>} />
              <PointsTable table={n.table} testId="points-table-print" />
              <p className="nomogram-sheet-foot">
                {t('nomogram.sheetMeta', { model: modelName, rows: formatCount(trainRows), date: new Date().toLocaleDateString(i18n.language) })} {t('report.limitPopulation')}{' '}
                {t('report.limitInternal')} {t('report.limitNotDevice')}
              </p>
            </div>
          </div>,
          document.body,
        )}
    </div>
  );
});
