@o2g
Feature: Opening an O2G session with the AlcUserId cookie
  Source: ALE O2G_TUTO "Basics" tutorial, "Create a session".
  With the registered authentication cookie, "open your session by using the POST request" to
  .../api/rest/1.0//sessions (the seed's own double slash), with Content-Type application/json and a
  JSON body naming your application: "Status: 200 OK". The cookie is "automatically saved" by the
  client, or sent by hand as the header Cookie: AlcUserId=yourCookieValue. The field name
  applicationName, the SessionInfo body and the refusals come from the vendor's SDKs (inferred).

  Background:
    Given HTTP Basic credentials "${O2G_USERNAME}" and "${O2G_PASSWORD}"
    And I send a GET request to "/api/rest/authenticate?version=1.0"

  Rule: the authentication cookie opens a session

    @O2G-04 @documented @severity:critical
    Scenario: a session opens at the documented URL with a JSON body naming the application
      Given the request headers:
        | Content-Type | application/json |
      And the request body:
        """
        {"applicationName": "${O2G_APPLICATION_NAME}"}
        """
      When I send a POST request to "/api/rest/1.0//sessions"
      Then the response status is 200

    @O2G-02 @O2G-04 @documented
    Scenario: the cookie jar keeps AlcUserId and sends it to the sessions URL without a manual header
      Then the cookie jar holds "AlcUserId"
      Given the request header "Content-Type" is "application/json"
      When I send a POST request to "/api/rest/1.0//sessions" with body:
        """json
        {"applicationName": "${O2G_APPLICATION_NAME}"}
        """
      Then the response status is 200

    @O2G-02 @O2G-04 @emulator
    Scenario: the sessions URL receives the AlcUserId cookie from the jar, and no credentials
      Given the request header "Content-Type" is "application/json"
      When I send a POST request to "/api/rest/1.0//sessions" with body:
        """json
        {"applicationName": "${O2G_APPLICATION_NAME}"}
        """
      Then the response status is 200
      And the emulator received the cookie "AlcUserId"
      And the emulator received no Authorization header

    @O2G-03 @O2G-04 @documented
    Scenario: the AlcUserId cookie sent by hand from a fresh client opens the session the same way
      Given I remember the cookie "AlcUserId" as "alcUserId"
      And I act as "fresh"
      And the request headers:
        | Cookie       | AlcUserId={{alcUserId}} |
        | Content-Type | application/json        |
      And the request body:
        """
        {"applicationName": "${O2G_APPLICATION_NAME}"}
        """
      When I send a POST request to "/api/rest/1.0//sessions"
      Then the response status is 200

    @O2G-04
    Scenario: the single-slash spelling of the sessions URL works too
      Given the request header "Content-Type" is "application/json"
      When I send a POST request to "/api/rest/1.0/sessions" with body:
        """json
        {"applicationName": "${O2G_APPLICATION_NAME}"}
        """
      Then the response status is 200
      And the response body matches the "o2g session" schema

  Rule: the session describes itself

    @O2G-07 @severity:critical
    Scenario: the session body gives the login, its lifetime in seconds, its base URLs and services
      Given the request header "Content-Type" is "application/json"
      When I send a POST request to "/api/rest/1.0//sessions" with body:
        """json
        {"applicationName": "${O2G_APPLICATION_NAME}"}
        """
      Then the response status is 200
      And the response content type is "application/json"
      And the response body matches the "o2g session" schema
      And the JSON value at "$.login" is "${O2G_USERNAME}"
      And the JSON value at "$.timeToLive" is an integer
      And the JSON value at "$.publicBaseUrl" matches "/api/rest/1\.0$"
      And the JSON value at "$.services" is an array
      And the session expires timeToLive seconds after it was created, give or take 5 seconds

    # A lifetime counted in minutes (1800 s read as 30) would fall below a minute's worth of seconds.
    @O2G-07
    Scenario: the session's lifetime is counted in seconds, and it lists its services one by one
      Given the request header "Content-Type" is "application/json"
      When I send a POST request to "/api/rest/1.0//sessions" with body:
        """json
        {"applicationName": "${O2G_APPLICATION_NAME}"}
        """
      Then the response status is 200
      And the JSON value at "$.timeToLive" is at least 60
      And the JSON array at "$.services" has at least 1 item
      And every item of the JSON array at "$.services" matches the "o2g service" schema
      And the JSON array at "$.services" contains an item whose "serviceName" is "Sessions"
      And the JSON value at "$.creationDate" is an ISO date
      And the JSON value at "$.expirationDate" is an ISO date

  Rule: the sessions call without a valid AlcUserId cookie is refused with 401 and an O2G error

    @O2G-08
    Scenario Outline: opening a session with <case> is refused
      Given I remember the cookie "AlcUserId" as "alcUserId"
      And I act as "fresh"
      And the request headers:
        | <header>     | <value>          |
        | Content-Type | application/json |
      And the request body:
        """
        {"applicationName": "${O2G_APPLICATION_NAME}"}
        """
      When I send a POST request to "/api/rest/1.0//sessions"
      Then the response status is 401
      And the response body matches the "o2g error" schema
      And the JSON value at "$.code" is 401
      And the response sets no cookie "JSESSIONID"

      Examples:
        | case                                  | header | value                      |
        | no cookie                             | Accept | application/json           |
        | a tampered cookie                     | Cookie | AlcUserId={{alcUserId}}x   |
        | the cookie value under another name   | Cookie | AlcUserToken={{alcUserId}} |
