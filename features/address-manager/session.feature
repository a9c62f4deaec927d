@address-manager
Feature: The Address Manager API session authorises later v2 requests until logout or expiry
  Source: BlueCat Address Manager RESTful v2 API Guide, "Basic authentication", "Authorization header":
  later requests send "Authorization: Basic {basicAuthenticationCredentials}", or the base64 of the
  username and the apiToken built by hand. The documented check GETs the session's own _links.self.href.
  The probe GET /api/v2/sessions/current, the logout (PATCH state LOGGED_OUT) and the 24-hour expiry come
  from the vendor's client library and manuals, so they are inferred.

  Background:
    Given I have logged in to Address Manager

  Rule: the Basic credentials authorise later requests

    @BAM-04 @documented @severity:critical
    Scenario: basicAuthenticationCredentials go straight into the Authorization header
      When I send a GET request to "{{session link}}" with headers:
        | Authorization | Basic {{credentials}} |
      Then the response status is 200

    @BAM-05 @documented
    Scenario: the base64 of the username and the apiToken, built by hand, works the same
      Given I remember the base64 encoding of "${ADDRESS_MANAGER_USERNAME}:{{api token}}" as "hand-made credentials"
      When I send a GET request to "{{session link}}" with headers:
        | Authorization | Basic {{hand-made credentials}} |
      Then the response status is 200

    @BAM-06
    Scenario Outline: the probe <path> answers the live session
      When I send a GET request to "<path>" with headers:
        | Authorization | Basic {{credentials}} |
      Then the response status is 200
      And the response content type is "application/hal+json"
      And the response body matches the "address-manager session" schema
      And the JSON value at "$._links.self.href" is "{{session link}}"
      And the JSON value at "$.user.name" is "${ADDRESS_MANAGER_USERNAME}"

      Examples:
        | path                              |
        | /api/v2/sessions/current          |
        | /api/v2/sessions/{{session id}}   |

  Rule: a request without valid credentials is refused with 401 InvalidAuthorizationCredentials

    @BAM-06 @BAM-07
    Scenario: the probe without an Authorization header is refused
      When I send a GET request to "/api/v2/sessions/current"
      Then the response status is 401
      And the response content type is "application/json"
      And the response body matches the "address-manager error" schema
      And the JSON value at "$.code" is "InvalidAuthorizationCredentials"
      And the JSON body has no "apiToken"

    @BAM-06 @BAM-07
    Scenario Outline: Basic credentials with <case> are refused
      Given I remember the base64 encoding of "<user and token>" as "bad credentials"
      When I send a GET request to "/api/v2/sessions/current" with headers:
        | Authorization | Basic {{bad credentials}} |
      Then the response status is 401
      And the response body matches the "address-manager error" schema
      And the JSON value at "$.status" is 401
      And the JSON value at "$.code" is "InvalidAuthorizationCredentials"

      Examples:
        | case                                  | user and token                                          |
        | a wrong API token                     | ${ADDRESS_MANAGER_USERNAME}:not-the-api-token           |
        | the password instead of the API token | ${ADDRESS_MANAGER_USERNAME}:${ADDRESS_MANAGER_PASSWORD} |
        | another user's name                   | someone-else:{{api token}}                              |
        | the API token without a name          | {{api token}}                                           |

    @BAM-06 @BAM-07
    Scenario Outline: an Authorization header that is <case> is refused
      When I send a GET request to "/api/v2/sessions/current" with headers:
        | Authorization | <authorization> |
      Then the response status is 401
      And the response body matches the "address-manager error" schema
      And the JSON value at "$.code" is "InvalidAuthorizationCredentials"

      Examples:
        | case                   | authorization          |
        | not base64             | Basic !!not-base64!!   |
        | the bare API token     | Basic {{api token}}    |
        | the scheme alone       | Basic                  |

  Rule: logging out ends the session, and the token no longer works

    @BAM-08 @SEC-03
    Scenario Outline: a PATCH of <path> to LOGGED_OUT as <content type> logs the session out
      Given the request headers:
        | Authorization | Basic {{credentials}} |
        | Content-Type  | <content type>        |
      When I send a PATCH request to "<path>" with body:
        """
        {"state": "LOGGED_OUT"}
        """
      Then the response status is 200
      And the response content type is "application/hal+json"
      And the response body matches the "address-manager logged-out session" schema
      And the JSON value at "$.state" is "LOGGED_OUT"
      And the JSON value at "$.logoutDateTime" is a string
      And the JSON value at "$._links.self.href" is "{{session link}}"
      When I send a GET request to "/api/v2/sessions/current" with headers:
        | Authorization | Basic {{credentials}} |
      Then the response status is 401
      And the JSON value at "$.code" is "InvalidAuthorizationCredentials"

      Examples:
        | path                            | content type                 |
        | /api/v2/sessions/current        | application/merge-patch+json |
        | /api/v2/sessions/current        | application/json             |
        | /api/v2/sessions/{{session id}} | application/merge-patch+json |
        | /api/v2/sessions/{{session id}} | application/json             |

    @SEC-05 @BAM-08
    Scenario: two logins of the same user are two sessions, and logging one out leaves the other working
      Given I act as "alice"
      And I have logged in to Address Manager
      And I remember "{{credentials}}" as "alice credentials"
      And I remember "{{session link}}" as "alice session"
      And I act as "bob"
      And I have logged in to Address Manager
      Then "{{session link}}" is not the same as "{{alice session}}"
      And "{{credentials}}" is not the same as "{{alice credentials}}"
      Given I act as "alice"
      And the request headers:
        | Authorization | Basic {{alice credentials}}  |
        | Content-Type  | application/merge-patch+json |
      When I send a PATCH request to "{{alice session}}" with body:
        """
        {"state": "LOGGED_OUT"}
        """
      Then the response status is 200
      Given I act as "bob"
      When I send a GET request to "/api/v2/sessions/current" with headers:
        | Authorization | Basic {{credentials}} |
      Then the response status is 200
      And the JSON value at "$._links.self.href" is "{{session link}}"
      When I send a GET request to "/api/v2/sessions/current" with headers:
        | Authorization | Basic {{alice credentials}} |
      Then the response status is 401

  Rule: the API token lapses at apiTokenExpirationDateTime, 24 hours after login

    @BAM-09 @emulator
    Scenario: the token still works 23 hours after login
      Given 23 hours pass
      When I send a GET request to "/api/v2/sessions/current" with headers:
        | Authorization | Basic {{credentials}} |
      Then the response status is 200
      And the JSON value at "$.state" is "LOGGED_IN"

    @BAM-09 @SEC-03 @emulator
    Scenario: the token is refused once its 24 hours have passed
      Given 24 hours pass
      When I send a GET request to "/api/v2/sessions/current" with headers:
        | Authorization | Basic {{credentials}} |
      Then the response status is 401
      And the JSON value at "$.code" is "InvalidAuthorizationCredentials"
