// Original file: proto/simhub/company/v1/company_service.proto


export interface CreateCompanyRequest {
  'orgId'?: (string);
  'name'?: (string);
  'virtual'?: (boolean);
  'currency'?: (string);
  'notificationEmail'?: (string);
}

export interface CreateCompanyRequest__Output {
  'orgId': (string);
  'name': (string);
  'virtual': (boolean);
  'currency': (string);
  'notificationEmail': (string);
}
