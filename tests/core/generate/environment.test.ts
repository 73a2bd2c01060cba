import { UserError } from '../../../src/core/errors';
import {
  registerTemplates,
  renderTemplate
} from '../../../src/core/generate/environment';

describe('the Nunjucks environment', () => {
  it('renders registered templates, includes included by name, values only through filters', () => {
    registerTemplates({
      'test-outer.njk':
        'name: {{ name | json }}\n{% include "test-inner.njk" %}',
      'test-inner.njk':
        '{% for n in numbers %}\nx = {{ n | pyLiteral("float") }}\n{% endfor %}'
    });
    expect(
      renderTemplate('test-outer.njk', { name: 'a: {{b}}', numbers: [1, 2.5] })
    ).toBe('name: "a: {{b}}"\nx = 1.0\nx = 2.5\n');
  });

  it.each([
    ['{{ value }}'],
    ['{{ value | upper }}'],
    ['{{ value | json | upper }}'],
    ['{% if a %}{{ "text" }}{% endif %}'],
    ['{% for s in steps %}{{ s.name | safe }}{% endfor %}']
  ])('refuses a template that outputs a raw value: %s', source => {
    expect(() => registerTemplates({ 'test-raw.njk': source })).toThrow(
      /output must end in a serializing filter/
    );
  });

  it('throws on an undefined value instead of rendering nothing', () => {
    registerTemplates({ 'test-undefined.njk': 'a: {{ missing | json }}' });
    expect(() => renderTemplate('test-undefined.njk', {})).toThrow(UserError);
    expect(() => renderTemplate('test-undefined.njk', {})).toThrow(/undefined/);
  });

  it("passes a filter's UserError through unchanged", () => {
    registerTemplates({
      'test-name.njk': 'name: {{ step | k8sName("step name") }}'
    });
    expect(() => renderTemplate('test-name.njk', { step: 'Bad_Name' })).toThrow(
      /^invalid step name: "Bad_Name"/
    );
  });

  it('refuses unknown templates and conflicting re-registration', () => {
    expect(() => renderTemplate('nope.njk', {})).toThrow(/not registered/);
    registerTemplates({ 'test-same.njk': 'x' });
    registerTemplates({ 'test-same.njk': 'x' });
    expect(() => registerTemplates({ 'test-same.njk': 'y' })).toThrow(
      /already registered/
    );
  });

  it('does not autoescape', () => {
    registerTemplates({ 'test-escape.njk': '{{ s | json }}' });
    expect(renderTemplate('test-escape.njk', { s: '<&>' })).toBe('"<&>"');
  });
});
