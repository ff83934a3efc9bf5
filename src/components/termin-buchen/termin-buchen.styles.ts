import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-family: var(--tb-font-family, inherit);
  }
`;
