import { useI18n } from '../i18n/i18n.js';

const WIDTH = 640;
const LABEL_WIDTH = 200;
const ROW = 28;
const MAX_ROWS = 12;

/**
 * Horizontal bars, largest first, drawn as SVG attributes (no inline styles, so the CSP holds). Read out
 * as one sentence by assistive technology.
 */
export const BarChart = ({ title, rows }: { title: string; rows: { label: string; count: number }[] }) => {
  const { t, number } = useI18n();
  const shown = rows.slice(0, MAX_ROWS);
  if (shown.length === 0) return <p>{t('overview.noData')}</p>;
  const max = Math.max(...shown.map((row) => row.count));
  const summary = shown.map((row) => `${row.label} ${number(row.count)}`).join(', ');
  const barSpace = WIDTH - LABEL_WIDTH - 60;
  return (
    <svg
      class="chart"
      role="img"
      aria-label={t('overview.chart', { title, summary })}
      viewBox={`0 0 ${WIDTH} ${shown.length * ROW}`}
      width={WIDTH}
      height={shown.length * ROW}
    >
      {shown.map((row, i) => {
        const width = Math.max(2, Math.round((row.count / max) * barSpace));
        const y = i * ROW;
        return (
          <g key={row.label}>
            <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 4} text-anchor="end">
              {row.label}
            </text>
            <rect class="bar" x={LABEL_WIDTH} y={y + 4} width={width} height={ROW - 8} rx={3} />
            <text x={LABEL_WIDTH + width + 6} y={y + ROW / 2 + 4}>
              {number(row.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
};
