// Original file: proto/simhub/identity/v1/identity_service.proto


export interface TotpEnrolment {
  'secret'?: (string);
  'otpauthUri'?: (string);
  'recoveryCodes'?: (string)[];
}

export interface TotpEnrolment__Output {
  'secret': (string);
  'otpauthUri': (string);
  'recoveryCodes': (string)[];
}
