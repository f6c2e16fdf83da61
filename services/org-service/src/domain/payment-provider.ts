// Payment-provider settings: which fields each provider takes, which of them
// are secrets (encrypted at rest, write-only), and their shapes. Public
// settings are returned to the organization; secrets never are: a reader only
// learns which secret fields are on file.
import { checkUuid, Problems } from "@simhub/platform/domain";

const paymentProviders = ["stripe", "paypal"] as const;
export type PaymentProviderName = (typeof paymentProviders)[number];

interface FieldRule {
  required: boolean;
  pattern: RegExp;
  hint: string;
}

const token = (prefix: string, hint: string): FieldRule => ({
  required: true,
  pattern: new RegExp(`^${prefix}[A-Za-z0-9_]{8,250}$`),
  hint,
});

/** Per provider: public settings and secret fields, each with its rule. */
const providerFields: Record<
  PaymentProviderName,
  { settings: Record<string, FieldRule>; secrets: Record<string, FieldRule> }
> = {
  stripe: {
    settings: {
      publishableKey: token("pk_(test|live)_", "a Stripe publishable key (pk_test_… or pk_live_…)"),
    },
    secrets: {
      secretKey: token("(sk|rk)_(test|live)_", "a Stripe secret or restricted key (sk_… or rk_…)"),
      webhookSecret: { ...token("whsec_", "a Stripe webhook signing secret (whsec_…)"), required: false },
    },
  },
  paypal: {
    settings: {
      clientId: { required: true, pattern: /^[A-Za-z0-9_-]{8,256}$/, hint: "a PayPal REST client id" },
      mode: { required: true, pattern: /^(sandbox|live)$/, hint: "sandbox or live" },
    },
    secrets: {
      clientSecret: {
        required: true,
        pattern: /^[A-Za-z0-9_-]{8,256}$/,
        hint: "a PayPal REST client secret",
      },
    },
  },
};

export interface PaymentProviderInput {
  orgId: string;
  provider: PaymentProviderName;
  settings: Record<string, string>;
  secrets: Record<string, string>;
}

export interface PaymentProviderRecord {
  id: string;
  orgId: string;
  provider: PaymentProviderName;
  settings: Record<string, string>;
  secretFields: string[];
  createdAt: Date;
  updatedAt: Date;
}

function checkFields(
  problems: Problems,
  given: Record<string, string>,
  rules: Record<string, FieldRule>,
): Record<string, string> {
  const accepted: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    const rule = rules[name];
    if (!rule) {
      problems.add(name, "is not a field of this provider");
      continue;
    }
    // Messages name the field and its expected shape, never the value given:
    // a mistyped secret must not travel back in an error or into a log.
    if (!rule.pattern.test(value)) problems.add(name, `must be ${rule.hint}`);
    else accepted[name] = value;
  }
  for (const [name, rule] of Object.entries(rules)) {
    if (rule.required && !(name in given)) problems.add(name, "is required");
  }
  return accepted;
}

export function validatePaymentProvider(input: {
  orgId: string;
  provider: string;
  settings: Record<string, string>;
  secrets: Record<string, string>;
}): PaymentProviderInput {
  const problems = new Problems();
  const orgId = checkUuid(problems, "orgId", input.orgId);
  if (!(paymentProviders as readonly string[]).includes(input.provider)) {
    problems.add("provider", `must be one of ${paymentProviders.join(", ")}`);
    problems.throwIfAny();
  }
  const provider = input.provider as PaymentProviderName;
  const rules = providerFields[provider];
  const settings = checkFields(problems, input.settings, rules.settings);
  const secrets = checkFields(problems, input.secrets, rules.secrets);
  problems.throwIfAny();
  return { orgId, provider, settings, secrets };
}
