export const PolicyPage = () => null;
