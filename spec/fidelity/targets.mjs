// @ts-check
// What the fidelity check measures: every operation the gateway relays, the vendor description it is
// compared with (in spec/reference/), and where fields are counted. A side is `request` (the body),
// `answer` (the JSON answer) or `events` (one event of the text/event-stream answer).
//
// `containers` are the places whose fields are counted: "" is the body (or event) itself, `a[]` the items of
// array `a`, `a.b` the object in `b`. Each object alternative of a union is counted separately, named by its
// discriminator (`disc`, default `type`): `messages[role=user].name`. `structs` names the new-api struct
// (spec/reference/new-api.json) that decodes or writes the object at a container (several when the gateway
// writes different forms there).

/**
 * @typedef {{
 *   containers: string[],
 *   disc?: Record<string, string>,
 *   structs?: Record<string, string | string[]>,
 *   vendorMedia?: string,
 * }} SideTarget
 * `vendorMedia` picks the vendor's answer schema by media type when the vendor describes the side elsewhere
 * (OpenAI describes a completions stream chunk only as the JSON answer).
 * @typedef {{
 *   key: string,
 *   method: string,
 *   path: string,
 *   vendor: "openai" | "anthropic" | "gemini",
 *   vendorOperation: string,
 *   sides: { request?: SideTarget, answer?: SideTarget, events?: SideTarget },
 * }} Target
 */

const CHAT_DISC = { "messages[]": "role" };

/** @type {Target[]} */
export const TARGETS = [
  // ------------------------------------------------------------------------------------------ OpenAI
  {
    key: "POST /v1/chat/completions",
    method: "post",
    path: "/v1/chat/completions",
    vendor: "openai",
    vendorOperation: "createChatCompletion",
    sides: {
      request: {
        containers: ["", "messages[]", "messages[].content[]", "tools[]", "tools[].function"],
        disc: CHAT_DISC,
        structs: {
          "": "relaykit_dto.GeneralOpenAIRequest",
          "messages[]": "relaykit_dto.Message",
          "messages[].content[]": "relaykit_dto.MediaContent",
          "tools[]": "relaykit_dto.ToolCallRequest",
          "tools[].function": "relaykit_dto.FunctionRequest",
        },
      },
      answer: {
        containers: ["", "choices[]", "choices[].message", "usage"],
        structs: {
          "": "relaykit_dto.OpenAITextResponse",
          "choices[]": "relaykit_dto.OpenAITextResponseChoice",
          "choices[].message": "relaykit_dto.Message",
          usage: "relaykit_dto.Usage",
        },
      },
      events: {
        containers: ["", "choices[]", "choices[].delta", "usage"],
        structs: {
          "": "relaykit_dto.ChatCompletionsStreamResponse",
          "choices[]": "relaykit_dto.ChatCompletionsStreamResponseChoice",
          "choices[].delta": "relaykit_dto.ChatCompletionsStreamResponseChoiceDelta",
          usage: "relaykit_dto.Usage",
        },
      },
    },
  },
  {
    key: "POST /v1/responses",
    method: "post",
    path: "/v1/responses",
    vendor: "openai",
    vendorOperation: "createResponse",
    sides: {
      request: {
        containers: ["", "input[]", "input[].content[]", "tools[]"],
        structs: { "": "relaykit_dto.OpenAIResponsesRequest" },
      },
      answer: {
        containers: ["", "output[]", "output[].content[]", "usage"],
        structs: {
          "": "relaykit_dto.OpenAIResponsesResponse",
          "output[]": "relaykit_dto.ResponsesOutput",
          "output[].content[]": "relaykit_dto.ResponsesOutputContent",
          usage: "relaykit_dto.Usage",
        },
      },
      events: { containers: [""], structs: { "": "relaykit_dto.ResponsesStreamResponse" } },
    },
  },
  {
    key: "POST /v1/responses/compact",
    method: "post",
    path: "/v1/responses/compact",
    vendor: "openai",
    vendorOperation: "Compactconversation",
    sides: {
      request: { containers: ["", "input[]"], structs: { "": "relaykit_dto.OpenAIResponsesCompactionRequest" } },
      answer: {
        containers: ["", "output[]", "usage"],
        structs: {
          "": "relaykit_dto.OpenAIResponsesCompactionResponse",
          "output[]": "relaykit_dto.ResponsesOutput",
          usage: "relaykit_dto.Usage",
        },
      },
    },
  },
  {
    key: "POST /v1/completions",
    method: "post",
    path: "/v1/completions",
    vendor: "openai",
    vendorOperation: "createCompletion",
    sides: {
      request: { containers: [""], structs: { "": "relaykit_dto.GeneralOpenAIRequest" } },
      answer: {
        containers: ["", "choices[]", "usage"],
        structs: { "": "relaykit_dto.OpenAITextResponse", usage: "relaykit_dto.Usage" },
      },
      events: {
        containers: ["", "choices[]", "usage"],
        vendorMedia: "application/json",
        structs: { usage: "relaykit_dto.Usage" },
      },
    },
  },
  {
    key: "POST /v1/embeddings",
    method: "post",
    path: "/v1/embeddings",
    vendor: "openai",
    vendorOperation: "createEmbedding",
    sides: {
      request: { containers: [""], structs: { "": "relaykit_dto.EmbeddingRequest" } },
      answer: {
        containers: ["", "data[]", "usage"],
        structs: {
          "": "relaykit_dto.OpenAIEmbeddingResponse",
          "data[]": "relaykit_dto.OpenAIEmbeddingResponseItem",
          usage: "relaykit_dto.Usage",
        },
      },
    },
  },
  {
    key: "POST /v1/moderations",
    method: "post",
    path: "/v1/moderations",
    vendor: "openai",
    vendorOperation: "createModeration",
    sides: {
      request: { containers: ["", "input[]"], structs: { "": "relaykit_dto.GeneralOpenAIRequest" } },
      answer: { containers: ["", "results[]"] },
    },
  },
  {
    key: "POST /v1/images/generations",
    method: "post",
    path: "/v1/images/generations",
    vendor: "openai",
    vendorOperation: "createImage",
    sides: {
      request: { containers: [""], structs: { "": "relaykit_dto.ImageRequest" } },
      answer: {
        containers: ["", "data[]", "usage"],
        structs: { "": "relaykit_dto.ImageResponse", "data[]": "relaykit_dto.ImageData" },
      },
      events: { containers: ["", "usage"] },
    },
  },
  {
    key: "POST /v1/images/edits",
    method: "post",
    path: "/v1/images/edits",
    vendor: "openai",
    vendorOperation: "createImageEdit",
    sides: {
      request: { containers: [""], structs: { "": "relaykit_dto.ImageRequest" } },
      answer: {
        containers: ["", "data[]", "usage"],
        structs: { "": "relaykit_dto.ImageResponse", "data[]": "relaykit_dto.ImageData" },
      },
      events: { containers: ["", "usage"] },
    },
  },
  {
    key: "POST /v1/audio/speech",
    method: "post",
    path: "/v1/audio/speech",
    vendor: "openai",
    vendorOperation: "createSpeech",
    sides: {
      request: { containers: [""], structs: { "": "relaykit_dto.AudioRequest" } },
      events: { containers: ["", "usage"] },
    },
  },
  {
    key: "POST /v1/audio/transcriptions",
    method: "post",
    path: "/v1/audio/transcriptions",
    vendor: "openai",
    vendorOperation: "createTranscription",
    sides: {
      request: { containers: [""] },
      answer: {
        containers: ["", "usage", "segments[]", "words[]"],
        structs: { "": "relaykit_dto.WhisperVerboseJSONResponse", "segments[]": "relaykit_dto.Segment" },
      },
      events: { containers: ["", "usage"] },
    },
  },
  {
    key: "POST /v1/audio/translations",
    method: "post",
    path: "/v1/audio/translations",
    vendor: "openai",
    vendorOperation: "createTranslation",
    sides: {
      request: { containers: [""] },
      answer: {
        containers: ["", "segments[]"],
        structs: { "": "relaykit_dto.WhisperVerboseJSONResponse", "segments[]": "relaykit_dto.Segment" },
      },
    },
  },
  {
    key: "POST /v1/videos",
    method: "post",
    path: "/v1/videos",
    vendor: "openai",
    vendorOperation: "createVideo",
    sides: {
      request: { containers: ["", "input_reference"], structs: { "": "dto.VideoRequest" } },
      answer: {
        containers: ["", "error"],
        structs: { "": "relaykit_dto.OpenAIVideo", error: "relaykit_dto.OpenAIVideoError" },
      },
    },
  },
  {
    key: "GET /v1/videos/{video_id}",
    method: "get",
    path: "/v1/videos/{video_id}",
    vendor: "openai",
    vendorOperation: "GetVideo",
    sides: {
      answer: {
        containers: ["", "error"],
        structs: { "": "relaykit_dto.OpenAIVideo", error: "relaykit_dto.OpenAIVideoError" },
      },
    },
  },
  {
    key: "POST /v1/videos/{video_id}/remix",
    method: "post",
    path: "/v1/videos/{video_id}/remix",
    vendor: "openai",
    vendorOperation: "CreateVideoRemix",
    sides: {
      request: { containers: [""] },
      answer: {
        containers: ["", "error"],
        structs: { "": "relaykit_dto.OpenAIVideo", error: "relaykit_dto.OpenAIVideoError" },
      },
    },
  },
  {
    key: "GET /v1/models",
    method: "get",
    path: "/v1/models",
    vendor: "openai",
    vendorOperation: "listModels",
    sides: {
      // new-api answers in Anthropic's list form when the request carries Anthropic's headers.
      answer: {
        containers: ["", "data[]"],
        structs: {
          "": ["controller.ListModels#openai", "controller.ListModels#anthropic"],
          "data[]": ["relaykit_dto.OpenAIModels", "relaykit_dto.AnthropicModel"],
        },
      },
    },
  },
  {
    key: "GET /v1/models/{model}",
    method: "get",
    path: "/v1/models/{model}",
    vendor: "openai",
    vendorOperation: "retrieveModel",
    sides: { answer: { containers: [""], structs: { "": "relaykit_dto.OpenAIModels" } } },
  },
  // ------------------------------------------------------------------------------------------- Claude
  {
    key: "POST /v1/messages",
    method: "post",
    path: "/v1/messages",
    vendor: "anthropic",
    vendorOperation: "messages",
    sides: {
      request: {
        containers: ["", "messages[]", "messages[].content[]", "system[]", "tools[]"],
        disc: CHAT_DISC,
        structs: {
          "": "relaykit_dto.ClaudeRequest",
          "messages[]": "relaykit_dto.ClaudeMessage",
          "messages[].content[]": "relaykit_dto.ClaudeMediaMessage",
        },
      },
      answer: {
        containers: ["", "content[]", "usage"],
        structs: {
          "": "relaykit_dto.ClaudeResponse",
          "content[]": "relaykit_dto.ClaudeMediaMessage",
          usage: "relaykit_dto.ClaudeUsage",
        },
      },
      events: {
        containers: ["", "message", "content_block", "delta", "usage"],
        structs: {
          "": "relaykit_dto.ClaudeResponse",
          message: "relaykit_dto.ClaudeMediaMessage",
          content_block: "relaykit_dto.ClaudeMediaMessage",
          delta: "relaykit_dto.ClaudeMediaMessage",
          usage: "relaykit_dto.ClaudeUsage",
        },
      },
    },
  },
  // ------------------------------------------------------------------------------------------- Gemini
  ...["generateContent", "streamGenerateContent"].map((action) => {
    const answer = {
      containers: [
        "",
        "candidates[]",
        "candidates[].content",
        "candidates[].content.parts[]",
        "usageMetadata",
        "promptFeedback",
      ],
      structs: {
        "": "relaykit_dto.GeminiChatResponse",
        "candidates[]": "relaykit_dto.GeminiChatCandidate",
        "candidates[].content": "relaykit_dto.GeminiChatContent",
        "candidates[].content.parts[]": "relaykit_dto.GeminiPart",
        usageMetadata: "relaykit_dto.GeminiUsageMetadata",
        promptFeedback: "relaykit_dto.GeminiChatPromptFeedback",
      },
    };
    /** @type {Target} */
    const target = {
      key: `POST /v1beta/models/{model}:${action}`,
      method: "post",
      path: `/v1beta/models/{model}:${action}`,
      vendor: "gemini",
      vendorOperation: action === "generateContent" ? "GenerateContent" : "StreamGenerateContent",
      sides: {
        request: {
          containers: ["", "contents[]", "contents[].parts[]", "generationConfig", "tools[]"],
          structs: {
            "": "relaykit_dto.GeminiChatRequest",
            "contents[]": "relaykit_dto.GeminiChatContent",
            "contents[].parts[]": "relaykit_dto.GeminiPart",
            generationConfig: "relaykit_dto.GeminiChatGenerationConfig",
            "tools[]": "relaykit_dto.GeminiChatTool",
          },
        },
        ...(action === "generateContent" ? { answer } : { events: answer }),
      },
    };
    return target;
  }),
  {
    key: "POST /v1beta/models/{model}:embedContent",
    method: "post",
    path: "/v1beta/models/{model}:embedContent",
    vendor: "gemini",
    vendorOperation: "EmbedContent",
    sides: {
      request: {
        containers: ["", "content", "content.parts[]"],
        structs: {
          "": "relaykit_dto.GeminiEmbeddingRequest",
          content: "relaykit_dto.GeminiChatContent",
          "content.parts[]": "relaykit_dto.GeminiPart",
        },
      },
      answer: { containers: ["", "embedding"], structs: { "": "relaykit_dto.GeminiEmbeddingResponse" } },
    },
  },
  {
    key: "POST /v1beta/models/{model}:batchEmbedContents",
    method: "post",
    path: "/v1beta/models/{model}:batchEmbedContents",
    vendor: "gemini",
    vendorOperation: "BatchEmbedContents",
    sides: {
      request: {
        containers: ["", "requests[]"],
        structs: {
          "": "relaykit_dto.GeminiBatchEmbeddingRequest",
          "requests[]": "relaykit_dto.GeminiEmbeddingRequest",
        },
      },
      answer: { containers: ["", "embeddings[]"], structs: { "": "relaykit_dto.GeminiBatchEmbeddingResponse" } },
    },
  },
  {
    key: "GET /v1beta/models",
    method: "get",
    path: "/v1beta/models",
    vendor: "gemini",
    vendorOperation: "ListModels",
    sides: {
      answer: {
        containers: ["", "models[]"],
        structs: { "": "controller.ListModels#gemini", "models[]": "relaykit_dto.GeminiModel" },
      },
    },
  },
];
