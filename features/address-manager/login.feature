@address-manager
Feature: BlueCat Address Manager v2 login creates an API session
  Source: BlueCat Address Manager RESTful v2 API Guide, "Basic authentication", "Creating a session via
  the /api/v2/sessions endpoint". A POST of the user's credentials to /api/v2/sessions answers 201 Created
  with a HAL UserSession: an apiToken, its expiry, and basicAuthenticationCredentials, the base64 of the
  user and the token that later requests send as "Authorization: Basic ...". Error bodies and status codes
  of refused logins come from the vendor's client library, so they are inferred.

  Rule: valid credentials create a session, answered 201 Created as HAL+JSON

    @BAM-01 @documented @smoke @severity:critical
    Scenario: the seed's own request creates a session
      Given the request header "Content-Type" is "application/json"
      When I send a POST request to "/api/v2/sessions" with body:
        """
        {
        "username": "${ADDRESS_MANAGER_USERNAME}",
        "password": "${ADDRESS_MANAGER_PASSWORD}"
        }
        """
      Then the response status is 201
      And the response content type is "application/hal+json"

    @BAM-02 @documented
    Scenario: the session carries every documented field
      Given I have logged in to Address Manager
      Then the response body matches the "address-manager session" schema
      And the JSON value at "$.type" is "UserSession"
      And the JSON value at "$.state" is "LOGGED_IN"
      And the JSON value at "$.logoutDateTime" is null
      And the JSON value at "$.response" is null
      And the JSON value at "$.readOnly" is a boolean
      And the JSON value at "$.user.type" is "User"
      And the JSON value at "$.user.name" is "${ADDRESS_MANAGER_USERNAME}"
      And the JSON value at "$.user._links.self.href" matches "^/api/v2/users/\d+$"
      And the JSON value at "$._links.self.href" matches "^/api/v2/sessions/\d+$"
      And the JSON value at "$._links.collection.href" is "/api/v2/sessions"

    @BAM-01
    Scenario: the created session's Location is its own link
      Given I have logged in to Address Manager
      Then the response header "Location" is "{{session link}}"

    @BAM-03 @documented
    Scenario: basicAuthenticationCredentials decode to a name and the apiToken
      Given I have logged in to Address Manager
      And I remember the base64 decoding of "{{credentials}}" as "decoded credentials"
      And I remember the part of "{{decoded credentials}}" after the first ":" as "token half"
      Then "{{token half}}" is the same as "{{api token}}"

    @BAM-09
    Scenario: the API token expires 24 hours after the login
      Given I have logged in to Address Manager
      Then the API token expires 24 hours after the login

  Rule: refused logins answer a JSON error and open no session

    @BAM-07 @SEC-01
    Scenario Outline: a login with <case> is refused with 401
      Given the JSON request body:
        | username | <username> |
        | password | <password> |
      When I send a POST request to "/api/v2/sessions"
      Then the response status is 401
      And the response content type is "application/json"
      And the response body matches the "address-manager error" schema
      And the JSON value at "$.status" is 401
      And the JSON value at "$.code" is "InvalidAuthorizationCredentials"
      And the JSON body has no "apiToken"
      And the response sets no cookies

      Examples:
        | case             | username                    | password                    |
        | a wrong password | ${ADDRESS_MANAGER_USERNAME} | not-the-password            |
        | an unknown user  | nobody-by-this-name         | ${ADDRESS_MANAGER_PASSWORD} |

    @SEC-02
    Scenario: a wrong password and an unknown user get the same answer
      Given the JSON request body:
        | username | ${ADDRESS_MANAGER_USERNAME} |
        | password | not-the-password            |
      When I send a POST request to "/api/v2/sessions"
      And I remember the response header "Content-Type" as "wrong password type"
      And I remember the JSON value at "$.code" as "wrong password code"
      And I remember the JSON value at "$.message" as "wrong password message"
      And the JSON request body:
        | username | nobody-by-this-name         |
        | password | ${ADDRESS_MANAGER_PASSWORD} |
      And I send a POST request to "/api/v2/sessions"
      Then the response status is 401
      And the response header "Content-Type" is "{{wrong password type}}"
      And the JSON value at "$.code" is "{{wrong password code}}"
      And the JSON value at "$.message" is "{{wrong password message}}"

    @BAM-07
    Scenario Outline: a login body with <case> is refused with 400
      Given the request header "Content-Type" is "application/json"
      When I send a POST request to "/api/v2/sessions" with body:
        """
        <body>
        """
      Then the response status is 400
      And the response content type is "application/json"
      And the response body matches the "address-manager error" schema
      And the JSON value at "$.status" is 400
      And the JSON body has no "apiToken"

      Examples:
        | case                | body                                                                  |
        | no password         | {"username": "${ADDRESS_MANAGER_USERNAME}"}                           |
        | no username         | {"password": "${ADDRESS_MANAGER_PASSWORD}"}                           |
        | malformed JSON      | {"username": "${ADDRESS_MANAGER_USERNAME}", "password":               |
        | a JSON array        | ["${ADDRESS_MANAGER_USERNAME}", "${ADDRESS_MANAGER_PASSWORD}"]        |
        | a numeric password  | {"username": "${ADDRESS_MANAGER_USERNAME}", "password": 12345}        |

  Rule: the session lives on the server; the client keeps no cookie

    @SEC-04
    Scenario: every scenario starts with an empty cookie jar and a login leaves it empty
      Then the cookie jar is empty
      Given I have logged in to Address Manager
      Then the response sets no cookies
      And the cookie jar is empty
