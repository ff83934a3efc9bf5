import { calendarStyles } from '../calendar/calendar.styles.js';
import { slotListStyles } from '../slot-list/slot-list.styles.js';
import { stepStyles } from '../steps/steps.styles.js';
import { baseStyles } from '../../styles/base.styles.js';

export const styles = [baseStyles, stepStyles, calendarStyles, slotListStyles];
