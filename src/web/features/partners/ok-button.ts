import type { ButtonProps } from "antd";

/** Props for a modal's OK button carrying a test id (antd's ButtonProps does not list data attributes). */
export const okButton = (testId: string): ButtonProps => ({ "data-testid": testId }) as ButtonProps;
