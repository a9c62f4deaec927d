@sdm
Feature: An Oracle SDM session lives in its cookie until logout
  Source: Oracle Communications Session Delivery Manager REST API (9.0.1), "Login". A successful login
  "returns a valid time-limited session cookie that needs to be returned with all subsequent REST
  requests"; the seed's Python example takes //sessionId from the answer and sends it as the Cookie
  header. The seed shows no later request: the cookie's name and attributes (JSESSIONID, Path=/rest,
  HttpOnly), the deviceGroups inventory used as the session probe and logout come from the wider SDM REST
  documentation, so they are inferred.

  Rule: the login sets a session cookie holding the sessionId

    @SDM-03 @documented
    Scenario: a successful login returns a session cookie
      Given the request header "Accept" is "application/xml"
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        ```xml
        <?xml version="1.0" encoding="UTF-8"?>
        <session>
        <userName>${SDM_USERNAME}</userName>
        <password>${SDM_PASSWORD}</password>
        </session>
        ```
      Then the response status is 200
      And the SDM login sets a session cookie

    @SDM-04 @SDM-03
    Scenario: the session cookie's value is the sessionId of the body, which the seed's Python example sends back
      Given the request header "Accept" is "application/xml"
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        ```xml
        <?xml version="1.0" encoding="UTF-8"?>
        <session>
        <userName>${SDM_USERNAME}</userName>
        <password>${SDM_PASSWORD}</password>
        </session>
        ```
      And I remember the XML value at "/session/sessionId" as "sessionId"
      Then the response status is 200
      And the response sets a cookie with the value "{{sessionId}}"

    @SDM-08 @SDM-03 @SEC-03
    Scenario: the session cookie is JSESSIONID, limited to /rest and HttpOnly
      When I am logged in to SDM
      Then the response sets these cookies:
        | name       | value         | Path  | HttpOnly |
        | JSESSIONID | {{sessionId}} | /rest | yes      |
      And the response header "X-Frame-Options" is "SAMEORIGIN"
      And the response content type is "application/xml"
      And the cookie jar holds "JSESSIONID"

    @SDM-08
    Scenario: the session cookie is for this host only and carries no expiry of its own
      When I am logged in to SDM
      Then the response sets the cookie "JSESSIONID" without the Domain attribute
      And the response sets the cookie "JSESSIONID" without the Expires attribute
      And the response sets the cookie "JSESSIONID" without the Max-Age attribute

  Rule: the session opens the inventory, and nothing else does

    @SDM-08 @SDM-03 @severity:critical
    Scenario Outline: the cookie from the jar opens the device groups, answered in <format>
      Given I am logged in to SDM
      And the request header "Accept" is "application/<format>"
      When I send a GET request to "/rest/${SDM_API_VERSION}/inventory/deviceMgmt/deviceGroups"
      Then the response status is 200
      And the response content type is "application/<format>"
      And the response body matches the "sdm device groups <format>" schema

      Examples:
        | format |
        | xml    |
        | json   |

    @SDM-08 @SEC-04
    Scenario: without a session the device groups are refused with 401
      Then the cookie jar is empty
      When I send a GET request to "/rest/${SDM_API_VERSION}/inventory/deviceMgmt/deviceGroups"
      Then the response status is 401

    @SDM-04 @emulator
    Scenario: the bare sessionId sent as the whole Cookie header works, as in the seed's Python example
      Given I am logged in to SDM
      And I act as "python"
      When I send a GET request to "/rest/${SDM_API_VERSION}/inventory/deviceMgmt/deviceGroups" with headers:
        | Accept       | application/xml |
        | Content-Type | application/xml |
        | Cookie       | {{sessionId}}   |
      Then the response status is 200
      And the response body matches the "sdm device groups xml" schema

    @SDM-03 @emulator
    Scenario: a session that reports idleTimeout 0 is still valid hours later, until logout
      Given I am logged in to SDM
      And the XML value at "/session/idleTimeout" is "0"
      And the XML value at "/session/validUntil" is "valid until logout"
      When 5 hours pass
      Then the SDM session works

  Rule: logout ends the session and expires its cookie

    @SDM-08 @SEC-03
    Scenario: logout answers 204 No Content, expires the cookie and ends the session
      Given I am logged in to SDM
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/logout"
      Then the response status is 204
      And the response body is empty
      And the cookie jar does not hold "JSESSIONID"
      When I send a GET request to "/rest/${SDM_API_VERSION}/inventory/deviceMgmt/deviceGroups" with headers:
        | Cookie | JSESSIONID={{sessionId}} |
      Then the response status is 401

    @SDM-08
    Scenario: logout without a session is refused with 401
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/logout"
      Then the response status is 401
      And the response sets no cookies

    @SEC-05 @SDM-08
    Scenario: two logins of the same user get two sessions, and logging one out leaves the other working
      Given I act as "alice"
      And I am logged in to SDM
      And I remember "{{sessionId}}" as "alice's session"
      And I act as "bob"
      And I am logged in to SDM
      Then "{{sessionId}}" is not the same as "{{alice's session}}"
      When I act as "alice"
      And I send a POST request to "/rest/${SDM_API_VERSION}/admin/logout"
      Then the response status is 204
      And the SDM session is refused
      When I act as "bob"
      Then the SDM session works
