// Original file: proto/simhub/org/v1/org_service.proto


export interface PaymentProvider {
  'id'?: (string);
  'orgId'?: (string);
  'provider'?: (string);
  'settings'?: ({[key: string]: string});
  'secretFields'?: (string)[];
  'createdAt'?: (string);
  'updatedAt'?: (string);
}

export interface PaymentProvider__Output {
  'id': (string);
  'orgId': (string);
  'provider': (string);
  'settings': ({[key: string]: string});
  'secretFields': (string)[];
  'createdAt': (string);
  'updatedAt': (string);
}
