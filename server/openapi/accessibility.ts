import type { OpenApiFragment } from './index.js';

/** The accessibility statement's instance settings. */
export const accessibilityApi: OpenApiFragment = {
  tags: [{ name: 'accessibility', description: 'The accessibility statement (/accessibilite); its test figures are the static file /accessibility/results.json' }],
  paths: {
    '/api/accessibility': {
      get: {
        tags: ['accessibility'],
        summary: "Where to report an accessibility problem on this instance (LC_A11Y_CONTACT), null when the operator has not set it",
        responses: {
          200: {
            description: 'The contact',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['contact'],
                  properties: {
                    contact: {
                      oneOf: [
                        { type: 'null' },
                        { type: 'object', required: ['kind', 'value'], properties: { kind: { enum: ['email', 'url'] }, value: { type: 'string' } } },
                      ],
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};
