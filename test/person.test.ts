import { expect } from '@open-wc/testing';
import { Person, type FormRules } from '../src/api/schemas.js';
import { emptyPerson, parseBirthDate, toPerson, validateField, validatePerson, visibleFields, type PersonDraft } from '../src/flow/person.js';

const today = '2026-03-15';

const allOptional: FormRules = { phone: 'optional', address: 'optional', birthDate: 'optional', notes: 'optional' };
const allRequired: FormRules = { phone: 'required', address: 'required', birthDate: 'required', notes: 'required' };
const allHidden: FormRules = { phone: 'hidden', address: 'hidden', birthDate: 'hidden', notes: 'hidden' };

function draft(fields: Partial<PersonDraft> = {}): PersonDraft {
  return { ...emptyPerson(), firstName: 'Erika', lastName: 'Mustermann', email: 'erika@example.de', ...fields };
}

const full = draft({
  phone: '+49 30 1234567',
  street: 'Marktplatz 1',
  postalCode: '12345',
  city: 'Musterstadt',
  birthDate: '31.12.1980',
  notes: 'Rollstuhl',
});

describe('person form rules', () => {
  describe('validatePerson', () => {
    it('always requires name and email, even when the town asks for nothing else', () => {
      const errors = validatePerson(emptyPerson(), allHidden, today);
      expect(errors).to.deep.equal({ firstName: 'required', lastName: 'required', email: 'required' });
    });

    it('treats a value of only spaces as missing', () => {
      expect(validatePerson(draft({ lastName: '   ' }), allOptional, today)).to.deep.equal({ lastName: 'required' });
    });

    it('requires every field the town marks as required', () => {
      const errors = validatePerson(draft(), allRequired, today);
      expect(errors).to.deep.equal({
        phone: 'required',
        street: 'required',
        postalCode: 'required',
        city: 'required',
        birthDate: 'required',
        notes: 'required',
      });
      expect(validatePerson(full, allRequired, today)).to.deep.equal({});
    });

    it('accepts empty optional fields but checks the ones filled in', () => {
      expect(validatePerson(draft(), allOptional, today)).to.deep.equal({});
      const errors = validatePerson(draft({ phone: 'call me', postalCode: '1234', birthDate: '31.02.1980' }), allOptional, today);
      expect(errors).to.deep.equal({ phone: 'phone', postalCode: 'postalCode', birthDate: 'birthDate' });
    });

    it('never checks hidden fields, whatever they contain', () => {
      const garbage = draft({ phone: 'x', street: '', postalCode: 'abc', city: '', birthDate: 'gestern', notes: '' });
      expect(validatePerson(garbage, allHidden, today)).to.deep.equal({});
      expect(visibleFields(allHidden)).to.deep.equal(['firstName', 'lastName', 'email']);
      for (const field of ['phone', 'postalCode', 'birthDate'] as const) {
        expect(validateField(field, garbage, allHidden, today), field).to.equal(undefined);
      }
    });

    it('follows each rule separately', () => {
      const rules: FormRules = { phone: 'hidden', address: 'required', birthDate: 'optional', notes: 'hidden' };
      const errors = validatePerson(draft({ phone: 'x', street: 'Marktplatz 1', birthDate: '' }), rules, today);
      expect(errors).to.deep.equal({ postalCode: 'required', city: 'required' });
    });
  });

  describe('email', () => {
    const problem = (email: string) => validatePerson(draft({ email }), allHidden, today).email;

    it('accepts ordinary addresses, with surrounding spaces', () => {
      for (const email of ['erika@example.de', 'erika.mustermann@buergeramt.musterstadt.de', 'erika+termin@example.de', ' erika@example.de ']) {
        expect(problem(email), email).to.equal(undefined);
      }
    });

    it('rejects what is no address', () => {
      for (const email of ['erika', 'erika@', '@example.de', 'erika@example', 'erika@@example.de', 'erika mustermann@example.de', 'erika@example.d']) {
        expect(problem(email), email).to.equal('email');
      }
    });

    // The contract (zod's email check) refuses these; the form must catch them before the backend does.
    it('rejects addresses with a leading, trailing or doubled dot', () => {
      for (const email of ['erika..mustermann@example.de', '.erika@example.de', 'erika.@example.de', 'erika@example..de']) {
        expect(problem(email), email).to.equal('email');
      }
    });
  });

  describe('birth date', () => {
    it('reads a German date as an ISO date', () => {
      expect(parseBirthDate('31.12.1980', today)).to.equal('1980-12-31');
      expect(parseBirthDate('1.2.1980', today)).to.equal('1980-02-01');
      expect(parseBirthDate(' 07.06.1975 ', today)).to.equal('1975-06-07');
      expect(parseBirthDate('1980-12-31', today)).to.equal('1980-12-31');
    });

    it('rejects dates that do not exist', () => {
      for (const text of ['31.02.1980', '29.02.2023', '31.04.1990', '00.01.1990', '12.13.1990']) {
        expect(parseBirthDate(text, today), text).to.equal(undefined);
      }
      expect(parseBirthDate('29.02.2024', today)).to.equal('2024-02-29');
    });

    it('rejects dates after today', () => {
      expect(parseBirthDate('16.03.2026', today)).to.equal(undefined);
      expect(parseBirthDate('01.01.2030', today)).to.equal(undefined);
      expect(parseBirthDate('14.03.2026', today)).to.equal('2026-03-14');
    });

    it('rejects text that is no date', () => {
      for (const text of ['gestern', '31.12.80', '31/12/1980', '']) {
        expect(parseBirthDate(text, today), text).to.equal(undefined);
      }
    });
  });

  describe('postal code', () => {
    const problem = (postalCode: string) => validatePerson(draft({ postalCode }), allOptional, today).postalCode;

    it('accepts five digits, including a leading zero', () => {
      expect(problem('12345')).to.equal(undefined);
      expect(problem('01067')).to.equal(undefined);
    });

    it('rejects anything but five digits', () => {
      for (const postalCode of ['1234', '123456', '12a45', 'D-12345']) {
        expect(problem(postalCode), postalCode).to.equal('postalCode');
      }
    });
  });

  describe('toPerson', () => {
    it('trims every value and sends the birth date as an ISO date', () => {
      const padded = draft({
        firstName: '  Erika ',
        lastName: ' Mustermann ',
        email: ' erika@example.de ',
        phone: ' 030 1234567 ',
        street: ' Marktplatz 1 ',
        postalCode: ' 12345 ',
        city: ' Musterstadt ',
        birthDate: ' 31.12.1980 ',
        notes: ' Rollstuhl ',
      });
      expect(toPerson(padded, allOptional, today)).to.deep.equal({
        person: {
          firstName: 'Erika',
          lastName: 'Mustermann',
          email: 'erika@example.de',
          phone: '030 1234567',
          street: 'Marktplatz 1',
          postalCode: '12345',
          city: 'Musterstadt',
          birthDate: '1980-12-31',
        },
        notes: 'Rollstuhl',
      });
    });

    it('leaves out optional fields that are empty', () => {
      const result = toPerson(draft({ phone: '  ', notes: ' ' }), allOptional, today);
      expect(result).to.deep.equal({ person: { firstName: 'Erika', lastName: 'Mustermann', email: 'erika@example.de' } });
      expect(result).to.not.have.property('notes');
    });

    it('never sends hidden fields, even when they were prefilled', () => {
      const result = toPerson(full, allHidden, today);
      expect(result).to.deep.equal({ person: { firstName: 'Erika', lastName: 'Mustermann', email: 'erika@example.de' } });
    });

    it('sends only the fields each rule allows', () => {
      const rules: FormRules = { phone: 'hidden', address: 'required', birthDate: 'optional', notes: 'hidden' };
      const { person, notes } = toPerson(full, rules, today);
      expect(Object.keys(person).sort()).to.deep.equal(['birthDate', 'city', 'email', 'firstName', 'lastName', 'postalCode', 'street']);
      expect(notes).to.equal(undefined);
    });

    it('produces a person the contract accepts whenever the form has no errors', () => {
      for (const rules of [allOptional, allRequired, allHidden]) {
        expect(validatePerson(full, rules, today)).to.deep.equal({});
        const result = Person.safeParse(toPerson(full, rules, today).person);
        expect(result.success, JSON.stringify(rules)).to.equal(true);
      }
    });
  });
});
