// Original file: /work/main/proto/simhub/identity/v1/identity_service.proto


export interface CreateCompanyStaffRequest {
  'companyId'?: (string);
  'username'?: (string);
  'email'?: (string);
  'password'?: (string);
  'role'?: (string);
}

export interface CreateCompanyStaffRequest__Output {
  'companyId': (string);
  'username': (string);
  'email': (string);
  'password': (string);
  'role': (string);
}
