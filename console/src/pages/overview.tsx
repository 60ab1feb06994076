export const OverviewPage = () => null;
