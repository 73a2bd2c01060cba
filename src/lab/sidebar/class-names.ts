/** CSS classes of the pipeline sidebar (styled in style/sidebar.css). */
export const CLASS = {
  widget: 'jp-cellpipe-SidebarWidget',
  panel: 'jp-cellpipe-Sidebar',
  heading: 'jp-cellpipe-Sidebar-title',
  section: 'jp-cellpipe-Sidebar-section',
  sectionTitle: 'jp-cellpipe-Sidebar-sectionTitle',
  empty: 'jp-cellpipe-Sidebar-empty',
  toolbar: 'jp-cellpipe-Sidebar-toolbar',
  // The DAG
  dag: 'jp-cellpipe-Dag',
  dagScroll: 'jp-cellpipe-Dag-scroll',
  dagNode: 'jp-cellpipe-Dag-node',
  dagNodeError: 'jp-cellpipe-Dag-node-error',
  dagEdge: 'jp-cellpipe-Dag-edge',
  dagEdgeLabel: 'jp-cellpipe-Dag-edgeLabel',
  dagEdgeLabelGroup: 'jp-cellpipe-Dag-edgeLabelGroup',
  dagEdgeLabelBack: 'jp-cellpipe-Dag-edgeLabelBack',
  // Diagnostics
  diagnostics: 'jp-cellpipe-Diagnostics',
  diagnostic: 'jp-cellpipe-Diagnostic',
  severity: 'jp-cellpipe-Diagnostic-severity',
  where: 'jp-cellpipe-Diagnostic-where',
  // Compile and run
  splitButton: 'jp-cellpipe-SplitButton',
  splitMain: 'jp-cellpipe-SplitButton-main',
  splitCaret: 'jp-cellpipe-SplitButton-caret',
  splitMenu: 'jp-cellpipe-SplitButton-menu',
  splitItem: 'jp-cellpipe-SplitButton-item',
  message: 'jp-cellpipe-Message',
  // Runs
  runs: 'jp-cellpipe-Runs',
  run: 'jp-cellpipe-Run',
  chip: 'jp-cellpipe-StatusChip',
  duration: 'jp-cellpipe-Run-duration',
  runId: 'jp-cellpipe-Run-id',
  runLink: 'jp-cellpipe-Run-link',
  runParams: 'jp-cellpipe-Run-params',
  cancel: 'jp-cellpipe-Run-cancel',
  // Settings
  settings: 'jp-cellpipe-Settings',
  field: 'jp-cellpipe-Settings-field',
  weakening: 'jp-cellpipe-Settings-weakening',
  overridden: 'jp-cellpipe-Settings-overridden',
  error: 'jp-cellpipe-Settings-error',
  hint: 'jp-cellpipe-Settings-hint',
  volumes: 'jp-cellpipe-Settings-volumes',
  volume: 'jp-cellpipe-Settings-volume'
} as const;
