// Original file: proto/simhub/org/v1/org_service.proto


export interface SetPaymentProviderRequest {
  'orgId'?: (string);
  'provider'?: (string);
  'settings'?: ({[key: string]: string});
  'secrets'?: ({[key: string]: string});
}

export interface SetPaymentProviderRequest__Output {
  'orgId': (string);
  'provider': (string);
  'settings': ({[key: string]: string});
  'secrets': ({[key: string]: string});
}
