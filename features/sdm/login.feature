@sdm
Feature: Oracle SDM REST login with an XML or JSON session body
  Source: Oracle Communications Session Delivery Manager REST API (9.0.1), "Login",
  POST /{versionId}/admin/login. A user sends userName and password as an XML <session> or as root-less
  JSON and gets the session back: idleTimeout, serverInfo, sessionId, userGroup, userName and validUntil.
  The seed documents 400 for invalid input, 401 for a wrong user ID or password and 404 for an unknown
  REST API version. Headers, content negotiation and the exact set of versions come from the wider SDM
  REST documentation (its authenticate and quick start pages), so they are inferred.

  Rule: a user logs in with the documented XML or JSON body and gets the session back

    @SDM-01 @documented @smoke @severity:critical
    Scenario: a user logs in with the seed's XML request body
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
      And the XML value at "/session/userName" is "${SDM_USERNAME}"
      And the XML value at "/session/idleTimeout" matches "^\d+$"
      And the XML value at "/session/sessionId" matches "^[0-9A-F]{32}"
      And the XML value at "/session/userGroup" matches "\S"
      And the response body matches the "sdm session xml" schema

    @SDM-02 @documented @severity:critical
    Scenario: a user logs in with the seed's JSON request body
      Given the request header "Accept" is "application/json"
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        ```json
        {
        "userName": "${SDM_USERNAME}",
        "password": "${SDM_PASSWORD}"
        }
        ```
      Then the response status is 200
      And the JSON value at "$.userName" is "${SDM_USERNAME}"
      And the JSON value at "$.idleTimeout" is an integer
      And the JSON value at "$.sessionId" matches "^[0-9A-F]{32}"
      And the response body matches the "sdm session json" schema

    @SDM-01
    Scenario: a login body built field by field is answered with the session, and without the password
      Given the XML request body "session":
        | userName | ${SDM_USERNAME} |
        | password | ${SDM_PASSWORD} |
      And the request header "Accept" is "application/xml"
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login"
      Then the response status is 200
      And the response content type is "application/xml"
      And the XML value at "/session/userName" is "${SDM_USERNAME}"
      And the XML body has no "/session/password"
      And the response body matches the "sdm session xml" schema

  Rule: the answer comes in the format the Accept header asks for, else in the request's format

    @SDM-01 @SDM-02
    Scenario Outline: a login sent as <request> that accepts <answer> is answered in <answer>
      Given the request headers:
        | Content-Type | application/<request> |
        | Accept       | application/<answer>  |
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        """
        <body>
        """
      Then the response status is 200
      And the response content type is "application/<answer>"
      And the response body matches the "sdm session <answer>" schema

      Examples:
        | request | answer | body                                                                                        |
        | xml     | xml    | <session><userName>${SDM_USERNAME}</userName><password>${SDM_PASSWORD}</password></session> |
        | json    | json   | {"userName": "${SDM_USERNAME}", "password": "${SDM_PASSWORD}"}                              |
        | xml     | json   | <session><userName>${SDM_USERNAME}</userName><password>${SDM_PASSWORD}</password></session> |
        | json    | xml    | {"userName": "${SDM_USERNAME}", "password": "${SDM_PASSWORD}"}                              |

    @SDM-02
    Scenario Outline: a login sent as <request> that accepts anything is answered in <request>
      Given the request headers:
        | Content-Type | application/<request> |
        | Accept       | */*                   |
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        """
        <body>
        """
      Then the response status is 200
      And the response content type is "application/<request>"
      And the response body matches the "sdm session <request>" schema

      Examples:
        | request | body                                                                                        |
        | xml     | <session><userName>${SDM_USERNAME}</userName><password>${SDM_PASSWORD}</password></session> |
        | json    | {"userName": "${SDM_USERNAME}", "password": "${SDM_PASSWORD}"}                              |

    @SDM-02
    Scenario: a JSON login without an Accept header is answered in JSON
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        ```json
        {"userName": "${SDM_USERNAME}", "password": "${SDM_PASSWORD}"}
        ```
      Then the response status is 200
      And the response content type is "application/json"
      And the response body matches the "sdm session json" schema

  Rule: invalid input is refused with 400 and opens no session

    @SDM-05 @documented
    Scenario Outline: a login body that is <case> is refused as invalid input
      Given the request header "Content-Type" is "application/<request>"
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        """
        <body>
        """
      Then the response status is 400

      Examples:
        | case                 | request | body                                                             |
        | truncated XML        | xml     | <session><userName>${SDM_USERNAME}</userName><password>          |
        | text that is not XML | xml     | userName=${SDM_USERNAME}&password=${SDM_PASSWORD}                |
        | truncated JSON       | json    | {"userName": "${SDM_USERNAME}", "password":                      |

    @SDM-05 @SEC-01
    Scenario Outline: a login body <case> is refused with 400 and sets no cookie
      Given the request header "Content-Type" is "application/<request>"
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        """
        <body>
        """
      Then the response status is 400
      And the response sets no cookies

      Examples:
        | case                                | request | body                                                                                                                                   |
        | without a password                  | xml     | <session><userName>${SDM_USERNAME}</userName></session>                                                                                |
        | without a userName                  | json    | {"password": "${SDM_PASSWORD}"}                                                                                                        |
        | that is a JSON array                | json    | ["${SDM_USERNAME}", "${SDM_PASSWORD}"]                                                                                                 |
        | wrapped in a "session" object       | json    | {"session": {"userName": "${SDM_USERNAME}", "password": "${SDM_PASSWORD}"}}                                                            |
        | under another root than session     | xml     | <login><userName>${SDM_USERNAME}</userName><password>${SDM_PASSWORD}</password></login>                                                |
        | with a DOCTYPE declaring an entity  | xml     | <!DOCTYPE session [<!ENTITY pw "${SDM_PASSWORD}">]><session><userName>${SDM_USERNAME}</userName><password>&pw;</password></session>    |
        | with a __proto__ element            | xml     | <session><__proto__><userGroup>administrators</userGroup></__proto__><userName>${SDM_USERNAME}</userName><password>x</password></session> |

    @SDM-05 @SEC-01
    Scenario: a form-encoded login is refused as an unsupported media type
      Given the request header "Content-Type" is "application/x-www-form-urlencoded"
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        """
        userName=${SDM_USERNAME}&password=${SDM_PASSWORD}
        """
      Then the response status is 415
      And the response sets no cookies

  Rule: a wrong user ID or password is refused with 401, the same way for both, without a session

    @SDM-06 @documented
    Scenario Outline: a login with <case> is refused with 401
      Given the request header "Accept" is "application/xml"
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        ```xml
        <?xml version="1.0" encoding="UTF-8"?>
        <session>
        <userName><user></userName>
        <password><secret></password>
        </session>
        ```
      Then the response status is 401

      Examples:
        | case             | user                | secret           |
        | a wrong password | ${SDM_USERNAME}     | not-the-password |
        | an unknown user  | nobody-by-this-name | ${SDM_PASSWORD}  |

    @SDM-06 @SEC-01 @SEC-04
    Scenario: a refused login sets no session cookie and opens no session
      Given the request header "Accept" is "application/json"
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        ```json
        {"userName": "${SDM_USERNAME}", "password": "not-the-password"}
        ```
      Then the response status is 401
      And the response sets no cookies
      And the cookie jar is empty
      And the SDM session is refused

    @SDM-06 @SEC-02
    Scenario: a wrong password and an unknown user get the same answer
      Given the request header "Accept" is "application/json"
      And I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        ```json
        {"userName": "${SDM_USERNAME}", "password": "not-the-password"}
        ```
      And I remember the response body as "wrong password answer"
      And the request header "Accept" is "application/json"
      When I send a POST request to "/rest/${SDM_API_VERSION}/admin/login" with body:
        ```json
        {"userName": "nobody-by-this-name", "password": "${SDM_PASSWORD}"}
        ```
      Then the response status is 401
      And the response body is "{{wrong password answer}}"

  Rule: the REST API version in the path must exist

    @SDM-07 @documented
    Scenario: a login to an unknown REST API version is refused with 404
      Given the request header "Accept" is "application/xml"
      When I send a POST request to "/rest/v9.9/admin/login" with body:
        ```xml
        <?xml version="1.0" encoding="UTF-8"?>
        <session>
        <userName>${SDM_USERNAME}</userName>
        <password>${SDM_PASSWORD}</password>
        </session>
        ```
      Then the response status is 404

    @SDM-07 @SEC-01
    Scenario: a login with wrong credentials to an unknown version is still 404, without a cookie
      When I send a POST request to "/rest/v9.9/admin/login" with body:
        ```json
        {"userName": "nobody-by-this-name", "password": "not-the-password"}
        ```
      Then the response status is 404
      And the response sets no cookies

    @SDM-07 @emulator
    Scenario Outline: the emulator also knows the older version <version>
      When I send a POST request to "/rest/<version>/admin/login" with body:
        ```xml
        <session><userName>${SDM_USERNAME}</userName><password>${SDM_PASSWORD}</password></session>
        ```
      Then the response status is 200
      And the response body matches the "sdm session xml" schema

      Examples:
        | version |
        | v1.0    |
        | v1.1    |
        | v1.2    |
