/** The pipeline icon (three steps in a small DAG), themed through jp-icon3. */
import { LabIcon } from '@jupyterlab/ui-components';

const svgstr = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <rect x="8" y="2" width="8" height="5" rx="1.5"/>
    <rect x="2" y="17" width="8" height="5" rx="1.5"/>
    <rect x="14" y="17" width="8" height="5" rx="1.5"/>
    <path d="M11.2 7h1.6v4.2h5.9V17h-1.6v-4.2H7.3V17H5.7v-5.8h5.5z"/>
  </g>
</svg>`;

export const pipelineIcon = new LabIcon({ name: 'cellpipe:pipeline', svgstr });
