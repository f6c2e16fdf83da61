// Original file: proto/simhub/org/v1/org_service.proto


export interface ListPaymentProvidersRequest {
  'orgId'?: (string);
}

export interface ListPaymentProvidersRequest__Output {
  'orgId': (string);
}
