# DO NOT EDIT: generated from sigma_async/models.py (itself generated from
# openapi/sigma-livestream.yaml) by codegen/structure.py. Change the spec, the templates or the
# generator, then run `nox -s codegen`; `nox -s codegen-check` fails when this file differs from a
# fresh generation.
"""Structure functions specialised per model: decoded JSON -> model, in one pass.

Registered as the cattrs converter's hooks by ``sigma_async._convert``; call them through
``sigma_async._convert.structure``, which turns a ``StructureError`` into ``ResponseDecodeError``.
"""

from __future__ import annotations

from typing import Any

import attrs

from . import models
from ._decode_support import (
    MISSING,
    StructureError,
    describe,
    expected,
    list_of,
    not_an_object,
    parse_datetime,
    slot_setter,
    str_list,
    str_or_str_list,
    to_float,
    unknown_enum,
    unknown_keys,
)
from ._model_support import UNSET, at_least, length

__all__ = [
    "STRUCTURE_FUNCTIONS",
    "structure_catchup_destination",
    "structure_channel",
    "structure_channel_create",
    "structure_channel_input",
    "structure_channel_page",
    "structure_channel_update",
    "structure_client_info",
    "structure_error_body",
    "structure_event",
    "structure_event_page",
    "structure_machine_config",
    "structure_s3_destination",
    "structure_session",
    "structure_session_page",
    "structure_session_status_result",
]

new = object.__new__  # a bare instance; every slot is set below
_catchup_destination_type_members = models.CatchupDestinationType._value2member_map_
_channel_mode_members = models.ChannelMode._value2member_map_
_channel_status_members = models.ChannelStatus._value2member_map_
_channel_type_members = models.ChannelType._value2member_map_
_event_action_members = models.EventAction._value2member_map_
_machine_type_members = models.MachineType._value2member_map_
_output_format_members = models.OutputFormat._value2member_map_
_session_status_members = models.SessionStatus._value2member_map_

_channel_input_keys = frozenset(
    (
        "streamToken",
        "rtmpServer",
    )
)
_set_channel_input_stream_token = slot_setter(models.ChannelInput, "stream_token")
_set_channel_input_rtmp_server = slot_setter(models.ChannelInput, "rtmp_server")


def structure_channel_input(data: Any) -> models.ChannelInput:
    """Build a ``ChannelInput`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.ChannelInput)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".streamToken"
        v = get("streamToken", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_channel_input_stream_token(self, v)
        step = ".rtmpServer"
        v = get("rtmpServer", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_channel_input_rtmp_server(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 2:  # a key the spec lacks
        unknown_keys("ChannelInput", data, _channel_input_keys)
    return self


_machine_config_keys = frozenset(
    (
        "enabled",
        "machineId",
        "machineType",
    )
)
_set_machine_config_enabled = slot_setter(models.MachineConfig, "enabled")
_set_machine_config_machine_id = slot_setter(models.MachineConfig, "machine_id")
_set_machine_config_machine_type = slot_setter(models.MachineConfig, "machine_type")


def structure_machine_config(data: Any) -> models.MachineConfig:
    """Build a ``MachineConfig`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.MachineConfig)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".enabled"
        v = get("enabled", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v is not True and v is not False):
            raise expected("bool", v)
        _set_machine_config_enabled(self, v)
        step = ".machineId"
        v = get("machineId", MISSING)
        if v is MISSING:
            absent += 1
            v = UNSET
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_machine_config_machine_id(self, v)
        step = ".machineType"
        v = get("machineType", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            m = _machine_type_members.get(v) if v.__class__ is str else None
            v = (
                m
                if m is not None
                else unknown_enum(models.MachineType, v, "MachineConfig", "machineType")
            )
        _set_machine_config_machine_type(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 3:  # a key the spec lacks
        unknown_keys("MachineConfig", data, _machine_config_keys)
    return self


_s3_destination_keys = frozenset(
    (
        "accessKey",
        "bucket",
        "endpoint",
        "secretKey",
        "region",
        "segmentPrefix",
    )
)
_set_s3_destination_access_key = slot_setter(models.S3Destination, "access_key")
_set_s3_destination_bucket = slot_setter(models.S3Destination, "bucket")
_set_s3_destination_endpoint = slot_setter(models.S3Destination, "endpoint")
_set_s3_destination_secret_key = slot_setter(models.S3Destination, "secret_key")
_set_s3_destination_region = slot_setter(models.S3Destination, "region")
_set_s3_destination_segment_prefix = slot_setter(models.S3Destination, "segment_prefix")


def structure_s3_destination(data: Any) -> models.S3Destination:
    """Build a ``S3Destination`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.S3Destination)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".accessKey"
        v = get("accessKey", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_s3_destination_access_key(self, v)
        step = ".bucket"
        v = get("bucket", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_s3_destination_bucket(self, v)
        step = ".endpoint"
        v = get("endpoint", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_s3_destination_endpoint(self, v)
        step = ".secretKey"
        v = get("secretKey", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_s3_destination_secret_key(self, v)
        step = ".region"
        v = get("region", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_s3_destination_region(self, v)
        step = ".segmentPrefix"
        v = get("segmentPrefix", MISSING)
        if v is MISSING:
            absent += 1
            v = UNSET
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_s3_destination_segment_prefix(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 6:  # a key the spec lacks
        unknown_keys("S3Destination", data, _s3_destination_keys)
    return self


_catchup_destination_keys = frozenset(
    (
        "type",
        "s3",
    )
)
_set_catchup_destination_type = slot_setter(models.CatchupDestination, "type")
_set_catchup_destination_s3 = slot_setter(models.CatchupDestination, "s3")


def structure_catchup_destination(data: Any) -> models.CatchupDestination:
    """Build a ``CatchupDestination`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.CatchupDestination)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".type"
        v = data["type"]
        m = _catchup_destination_type_members.get(v) if v.__class__ is str else None
        v = (
            m
            if m is not None
            else unknown_enum(models.CatchupDestinationType, v, "CatchupDestination", "type")
        )
        _set_catchup_destination_type(self, v)
        step = ".s3"
        v = get("s3", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = structure_s3_destination(v)
        _set_catchup_destination_s3(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 2:  # a key the spec lacks
        unknown_keys("CatchupDestination", data, _catchup_destination_keys)
    return self


_channel_create_keys = frozenset(
    (
        "name",
        "description",
        "tags",
        "transcodeProfile",
        "type",
        "mode",
        "stopTimeout",
        "catchup",
        "record",
        "interaction",
        "outputFormat",
        "machine",
        "destinationCatchup",
    )
)
_set_channel_create_name = slot_setter(models.ChannelCreate, "name")
_set_channel_create_description = slot_setter(models.ChannelCreate, "description")
_set_channel_create_tags = slot_setter(models.ChannelCreate, "tags")
_set_channel_create_transcode_profile = slot_setter(models.ChannelCreate, "transcode_profile")
_set_channel_create_type = slot_setter(models.ChannelCreate, "type")
_set_channel_create_mode = slot_setter(models.ChannelCreate, "mode")
_set_channel_create_stop_timeout = slot_setter(models.ChannelCreate, "stop_timeout")
_set_channel_create_catchup = slot_setter(models.ChannelCreate, "catchup")
_set_channel_create_record = slot_setter(models.ChannelCreate, "record")
_set_channel_create_interaction = slot_setter(models.ChannelCreate, "interaction")
_set_channel_create_output_format = slot_setter(models.ChannelCreate, "output_format")
_set_channel_create_machine = slot_setter(models.ChannelCreate, "machine")
_set_channel_create_destination_catchup = slot_setter(models.ChannelCreate, "destination_catchup")
_fields_channel_create = attrs.fields(models.ChannelCreate)
_check_channel_create_name = length(1, 50)
_check_channel_create_description = length(None, 250)
_check_channel_create_stop_timeout = at_least(1)


def structure_channel_create(data: Any) -> models.ChannelCreate:
    """Build a ``ChannelCreate`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.ChannelCreate)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".name"
        v = data["name"]
        if v.__class__ is not str:
            raise expected("str", v)
        _set_channel_create_name(self, v)
        step = ".description"
        v = get("description", MISSING)
        if v is MISSING:
            absent += 1
            v = UNSET
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_channel_create_description(self, v)
        step = ".tags"
        v = get("tags", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = str_list(v)
        _set_channel_create_tags(self, v)
        step = ".transcodeProfile"
        v = get("transcodeProfile", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = str_list(v)
        _set_channel_create_transcode_profile(self, v)
        step = ".type"
        v = get("type", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            m = _channel_type_members.get(v) if v.__class__ is str else None
            v = m if m is not None else unknown_enum(models.ChannelType, v, "ChannelCreate", "type")
        _set_channel_create_type(self, v)
        step = ".mode"
        v = get("mode", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            m = _channel_mode_members.get(v) if v.__class__ is str else None
            v = m if m is not None else unknown_enum(models.ChannelMode, v, "ChannelCreate", "mode")
        _set_channel_create_mode(self, v)
        step = ".stopTimeout"
        v = get("stopTimeout", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_channel_create_stop_timeout(self, v)
        step = ".catchup"
        v = get("catchup", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v is not True and v is not False):
            raise expected("bool", v)
        _set_channel_create_catchup(self, v)
        step = ".record"
        v = get("record", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v is not True and v is not False):
            raise expected("bool", v)
        _set_channel_create_record(self, v)
        step = ".interaction"
        v = get("interaction", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v is not True and v is not False):
            raise expected("bool", v)
        _set_channel_create_interaction(self, v)
        step = ".outputFormat"
        v = get("outputFormat", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            m = _output_format_members.get(v) if v.__class__ is str else None
            v = (
                m
                if m is not None
                else unknown_enum(models.OutputFormat, v, "ChannelCreate", "outputFormat")
            )
        _set_channel_create_output_format(self, v)
        step = ".machine"
        v = get("machine", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = structure_machine_config(v)
        _set_channel_create_machine(self, v)
        step = ".destinationCatchup"
        v = get("destinationCatchup", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = structure_catchup_destination(v)
        _set_channel_create_destination_catchup(self, v)
        step = ".name"
        _check_channel_create_name(self, _fields_channel_create.name, self.name)
        step = ".description"
        _check_channel_create_description(
            self, _fields_channel_create.description, self.description
        )
        step = ".stopTimeout"
        _check_channel_create_stop_timeout(
            self, _fields_channel_create.stop_timeout, self.stop_timeout
        )
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 13:  # a key the spec lacks
        unknown_keys("ChannelCreate", data, _channel_create_keys)
    return self


_channel_update_keys = frozenset(
    (
        "name",
        "description",
        "tags",
        "transcodeProfile",
        "type",
        "mode",
        "stopTimeout",
        "catchup",
        "record",
        "interaction",
        "outputFormat",
        "machine",
        "destinationCatchup",
    )
)
_set_channel_update_name = slot_setter(models.ChannelUpdate, "name")
_set_channel_update_description = slot_setter(models.ChannelUpdate, "description")
_set_channel_update_tags = slot_setter(models.ChannelUpdate, "tags")
_set_channel_update_transcode_profile = slot_setter(models.ChannelUpdate, "transcode_profile")
_set_channel_update_type = slot_setter(models.ChannelUpdate, "type")
_set_channel_update_mode = slot_setter(models.ChannelUpdate, "mode")
_set_channel_update_stop_timeout = slot_setter(models.ChannelUpdate, "stop_timeout")
_set_channel_update_catchup = slot_setter(models.ChannelUpdate, "catchup")
_set_channel_update_record = slot_setter(models.ChannelUpdate, "record")
_set_channel_update_interaction = slot_setter(models.ChannelUpdate, "interaction")
_set_channel_update_output_format = slot_setter(models.ChannelUpdate, "output_format")
_set_channel_update_machine = slot_setter(models.ChannelUpdate, "machine")
_set_channel_update_destination_catchup = slot_setter(models.ChannelUpdate, "destination_catchup")
_fields_channel_update = attrs.fields(models.ChannelUpdate)
_check_channel_update_name = length(1, 50)
_check_channel_update_description = length(None, 250)
_check_channel_update_stop_timeout = at_least(1)


def structure_channel_update(data: Any) -> models.ChannelUpdate:
    """Build a ``ChannelUpdate`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.ChannelUpdate)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".name"
        v = get("name", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_channel_update_name(self, v)
        step = ".description"
        v = get("description", MISSING)
        if v is MISSING:
            absent += 1
            v = UNSET
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_channel_update_description(self, v)
        step = ".tags"
        v = get("tags", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = str_list(v)
        _set_channel_update_tags(self, v)
        step = ".transcodeProfile"
        v = get("transcodeProfile", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = str_list(v)
        _set_channel_update_transcode_profile(self, v)
        step = ".type"
        v = get("type", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            m = _channel_type_members.get(v) if v.__class__ is str else None
            v = m if m is not None else unknown_enum(models.ChannelType, v, "ChannelUpdate", "type")
        _set_channel_update_type(self, v)
        step = ".mode"
        v = get("mode", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            m = _channel_mode_members.get(v) if v.__class__ is str else None
            v = m if m is not None else unknown_enum(models.ChannelMode, v, "ChannelUpdate", "mode")
        _set_channel_update_mode(self, v)
        step = ".stopTimeout"
        v = get("stopTimeout", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_channel_update_stop_timeout(self, v)
        step = ".catchup"
        v = get("catchup", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v is not True and v is not False):
            raise expected("bool", v)
        _set_channel_update_catchup(self, v)
        step = ".record"
        v = get("record", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v is not True and v is not False):
            raise expected("bool", v)
        _set_channel_update_record(self, v)
        step = ".interaction"
        v = get("interaction", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v is not True and v is not False):
            raise expected("bool", v)
        _set_channel_update_interaction(self, v)
        step = ".outputFormat"
        v = get("outputFormat", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            m = _output_format_members.get(v) if v.__class__ is str else None
            v = (
                m
                if m is not None
                else unknown_enum(models.OutputFormat, v, "ChannelUpdate", "outputFormat")
            )
        _set_channel_update_output_format(self, v)
        step = ".machine"
        v = get("machine", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = structure_machine_config(v)
        _set_channel_update_machine(self, v)
        step = ".destinationCatchup"
        v = get("destinationCatchup", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = structure_catchup_destination(v)
        _set_channel_update_destination_catchup(self, v)
        step = ".name"
        _check_channel_update_name(self, _fields_channel_update.name, self.name)
        step = ".description"
        _check_channel_update_description(
            self, _fields_channel_update.description, self.description
        )
        step = ".stopTimeout"
        _check_channel_update_stop_timeout(
            self, _fields_channel_update.stop_timeout, self.stop_timeout
        )
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 13:  # a key the spec lacks
        unknown_keys("ChannelUpdate", data, _channel_update_keys)
    return self


_channel_keys = frozenset(
    (
        "id",
        "name",
        "description",
        "tags",
        "appId",
        "inputId",
        "transcodeProfile",
        "type",
        "mode",
        "stopTimeout",
        "catchup",
        "destinationCatchup",
        "record",
        "interaction",
        "outputFormat",
        "status",
        "machine",
        "createdAt",
        "updatedAt",
        "currentSessionId",
        "input",
        "liveStreamUrl",
    )
)
_set_channel_id = slot_setter(models.Channel, "id")
_set_channel_name = slot_setter(models.Channel, "name")
_set_channel_description = slot_setter(models.Channel, "description")
_set_channel_tags = slot_setter(models.Channel, "tags")
_set_channel_app_id = slot_setter(models.Channel, "app_id")
_set_channel_input_id = slot_setter(models.Channel, "input_id")
_set_channel_transcode_profile = slot_setter(models.Channel, "transcode_profile")
_set_channel_type = slot_setter(models.Channel, "type")
_set_channel_mode = slot_setter(models.Channel, "mode")
_set_channel_stop_timeout = slot_setter(models.Channel, "stop_timeout")
_set_channel_catchup = slot_setter(models.Channel, "catchup")
_set_channel_destination_catchup = slot_setter(models.Channel, "destination_catchup")
_set_channel_record = slot_setter(models.Channel, "record")
_set_channel_interaction = slot_setter(models.Channel, "interaction")
_set_channel_output_format = slot_setter(models.Channel, "output_format")
_set_channel_status = slot_setter(models.Channel, "status")
_set_channel_machine = slot_setter(models.Channel, "machine")
_set_channel_created_at = slot_setter(models.Channel, "created_at")
_set_channel_updated_at = slot_setter(models.Channel, "updated_at")
_set_channel_current_session_id = slot_setter(models.Channel, "current_session_id")
_set_channel_input = slot_setter(models.Channel, "input")
_set_channel_live_stream_url = slot_setter(models.Channel, "live_stream_url")


def structure_channel(data: Any) -> models.Channel:
    """Build a ``Channel`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.Channel)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".id"
        v = data["id"]
        if v.__class__ is not str:
            raise expected("str", v)
        _set_channel_id(self, v)
        step = ".name"
        v = data["name"]
        if v.__class__ is not str:
            raise expected("str", v)
        _set_channel_name(self, v)
        step = ".description"
        v = get("description", MISSING)
        if v is MISSING:
            absent += 1
            v = UNSET
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_channel_description(self, v)
        step = ".tags"
        v = get("tags", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = str_list(v)
        _set_channel_tags(self, v)
        step = ".appId"
        v = get("appId", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_channel_app_id(self, v)
        step = ".inputId"
        v = get("inputId", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_channel_input_id(self, v)
        step = ".transcodeProfile"
        v = get("transcodeProfile", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = str_list(v)
        _set_channel_transcode_profile(self, v)
        step = ".type"
        v = get("type", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            m = _channel_type_members.get(v) if v.__class__ is str else None
            v = m if m is not None else unknown_enum(models.ChannelType, v, "Channel", "type")
        _set_channel_type(self, v)
        step = ".mode"
        v = get("mode", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            m = _channel_mode_members.get(v) if v.__class__ is str else None
            v = m if m is not None else unknown_enum(models.ChannelMode, v, "Channel", "mode")
        _set_channel_mode(self, v)
        step = ".stopTimeout"
        v = get("stopTimeout", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_channel_stop_timeout(self, v)
        step = ".catchup"
        v = get("catchup", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v is not True and v is not False):
            raise expected("bool", v)
        _set_channel_catchup(self, v)
        step = ".destinationCatchup"
        v = get("destinationCatchup", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = structure_catchup_destination(v)
        _set_channel_destination_catchup(self, v)
        step = ".record"
        v = get("record", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v is not True and v is not False):
            raise expected("bool", v)
        _set_channel_record(self, v)
        step = ".interaction"
        v = get("interaction", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v is not True and v is not False):
            raise expected("bool", v)
        _set_channel_interaction(self, v)
        step = ".outputFormat"
        v = get("outputFormat", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            m = _output_format_members.get(v) if v.__class__ is str else None
            v = (
                m
                if m is not None
                else unknown_enum(models.OutputFormat, v, "Channel", "outputFormat")
            )
        _set_channel_output_format(self, v)
        step = ".status"
        v = get("status", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            m = _channel_status_members.get(v) if v.__class__ is str else None
            v = m if m is not None else unknown_enum(models.ChannelStatus, v, "Channel", "status")
        _set_channel_status(self, v)
        step = ".machine"
        v = get("machine", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = structure_machine_config(v)
        _set_channel_machine(self, v)
        step = ".createdAt"
        v = get("createdAt", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = parse_datetime(v)
        _set_channel_created_at(self, v)
        step = ".updatedAt"
        v = get("updatedAt", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = parse_datetime(v)
        _set_channel_updated_at(self, v)
        step = ".currentSessionId"
        v = get("currentSessionId", MISSING)
        if v is MISSING:
            absent += 1
            v = UNSET
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_channel_current_session_id(self, v)
        step = ".input"
        v = get("input", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = structure_channel_input(v)
        _set_channel_input(self, v)
        step = ".liveStreamUrl"
        v = get("liveStreamUrl", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_channel_live_stream_url(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 22:  # a key the spec lacks
        unknown_keys("Channel", data, _channel_keys)
    return self


_client_info_keys = frozenset(
    (
        "action",
        "stream",
        "ip",
        "client_id",
        "param",
        "tcUrl",
        "ips",
        "app",
        "stream_id",
    )
)
_set_client_info_action = slot_setter(models.ClientInfo, "action")
_set_client_info_stream = slot_setter(models.ClientInfo, "stream")
_set_client_info_ip = slot_setter(models.ClientInfo, "ip")
_set_client_info_client_id = slot_setter(models.ClientInfo, "client_id")
_set_client_info_param = slot_setter(models.ClientInfo, "param")
_set_client_info_tc_url = slot_setter(models.ClientInfo, "tc_url")
_set_client_info_ips = slot_setter(models.ClientInfo, "ips")
_set_client_info_app = slot_setter(models.ClientInfo, "app")
_set_client_info_stream_id = slot_setter(models.ClientInfo, "stream_id")


def structure_client_info(data: Any) -> models.ClientInfo:
    """Build a ``ClientInfo`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.ClientInfo)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".action"
        v = get("action", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_client_info_action(self, v)
        step = ".stream"
        v = get("stream", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_client_info_stream(self, v)
        step = ".ip"
        v = get("ip", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_client_info_ip(self, v)
        step = ".client_id"
        v = get("client_id", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_client_info_client_id(self, v)
        step = ".param"
        v = get("param", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_client_info_param(self, v)
        step = ".tcUrl"
        v = get("tcUrl", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_client_info_tc_url(self, v)
        step = ".ips"
        v = get("ips", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = str_list(v)
        _set_client_info_ips(self, v)
        step = ".app"
        v = get("app", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_client_info_app(self, v)
        step = ".stream_id"
        v = get("stream_id", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_client_info_stream_id(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 9:  # a key the spec lacks
        unknown_keys("ClientInfo", data, _client_info_keys)
    return self


_session_status_result_keys = frozenset(("status",))
_set_session_status_result_status = slot_setter(models.SessionStatusResult, "status")


def structure_session_status_result(data: Any) -> models.SessionStatusResult:
    """Build a ``SessionStatusResult`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.SessionStatusResult)
    absent = 0
    step = ""
    try:
        step = ".status"
        v = data["status"]
        m = _session_status_members.get(v) if v.__class__ is str else None
        v = (
            m
            if m is not None
            else unknown_enum(models.SessionStatus, v, "SessionStatusResult", "status")
        )
        _set_session_status_result_status(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 1:  # a key the spec lacks
        unknown_keys("SessionStatusResult", data, _session_status_result_keys)
    return self


_event_keys = frozenset(
    (
        "id",
        "action",
        "sessionId",
        "actor",
        "message",
        "createdAt",
        "updatedAt",
    )
)
_set_event_id = slot_setter(models.Event, "id")
_set_event_action = slot_setter(models.Event, "action")
_set_event_session_id = slot_setter(models.Event, "session_id")
_set_event_actor = slot_setter(models.Event, "actor")
_set_event_message = slot_setter(models.Event, "message")
_set_event_created_at = slot_setter(models.Event, "created_at")
_set_event_updated_at = slot_setter(models.Event, "updated_at")


def structure_event(data: Any) -> models.Event:
    """Build a ``Event`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.Event)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".id"
        v = data["id"]
        if v.__class__ is not str:
            raise expected("str", v)
        _set_event_id(self, v)
        step = ".action"
        v = data["action"]
        m = _event_action_members.get(v) if v.__class__ is str else None
        v = m if m is not None else unknown_enum(models.EventAction, v, "Event", "action")
        _set_event_action(self, v)
        step = ".sessionId"
        v = get("sessionId", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_event_session_id(self, v)
        step = ".actor"
        v = get("actor", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_event_actor(self, v)
        step = ".message"
        v = get("message", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_event_message(self, v)
        step = ".createdAt"
        v = get("createdAt", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = parse_datetime(v)
        _set_event_created_at(self, v)
        step = ".updatedAt"
        v = get("updatedAt", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = parse_datetime(v)
        _set_event_updated_at(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 7:  # a key the spec lacks
        unknown_keys("Event", data, _event_keys)
    return self


_channel_page_keys = frozenset(
    (
        "data",
        "total",
        "count",
        "page",
        "perPage",
    )
)
_set_channel_page_data = slot_setter(models.ChannelPage, "data")
_set_channel_page_total = slot_setter(models.ChannelPage, "total")
_set_channel_page_count = slot_setter(models.ChannelPage, "count")
_set_channel_page_page = slot_setter(models.ChannelPage, "page")
_set_channel_page_per_page = slot_setter(models.ChannelPage, "per_page")


def structure_channel_page(data: Any) -> models.ChannelPage:
    """Build a ``ChannelPage`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.ChannelPage)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".data"
        v = data["data"]
        v = list_of(structure_channel, v)
        _set_channel_page_data(self, v)
        step = ".total"
        v = get("total", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_channel_page_total(self, v)
        step = ".count"
        v = get("count", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_channel_page_count(self, v)
        step = ".page"
        v = get("page", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_channel_page_page(self, v)
        step = ".perPage"
        v = get("perPage", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_channel_page_per_page(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 5:  # a key the spec lacks
        unknown_keys("ChannelPage", data, _channel_page_keys)
    return self


_event_page_keys = frozenset(
    (
        "data",
        "total",
        "count",
        "page",
        "perPage",
    )
)
_set_event_page_data = slot_setter(models.EventPage, "data")
_set_event_page_total = slot_setter(models.EventPage, "total")
_set_event_page_count = slot_setter(models.EventPage, "count")
_set_event_page_page = slot_setter(models.EventPage, "page")
_set_event_page_per_page = slot_setter(models.EventPage, "per_page")


def structure_event_page(data: Any) -> models.EventPage:
    """Build a ``EventPage`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.EventPage)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".data"
        v = data["data"]
        v = list_of(structure_event, v)
        _set_event_page_data(self, v)
        step = ".total"
        v = get("total", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_event_page_total(self, v)
        step = ".count"
        v = get("count", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_event_page_count(self, v)
        step = ".page"
        v = get("page", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_event_page_page(self, v)
        step = ".perPage"
        v = get("perPage", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_event_page_per_page(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 5:  # a key the spec lacks
        unknown_keys("EventPage", data, _event_page_keys)
    return self


_error_body_keys = frozenset(
    (
        "statusCode",
        "message",
        "error",
    )
)
_set_error_body_status_code = slot_setter(models.ErrorBody, "status_code")
_set_error_body_message = slot_setter(models.ErrorBody, "message")
_set_error_body_error = slot_setter(models.ErrorBody, "error")


def structure_error_body(data: Any) -> models.ErrorBody:
    """Build a ``ErrorBody`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.ErrorBody)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".statusCode"
        v = get("statusCode", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_error_body_status_code(self, v)
        step = ".message"
        v = get("message", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = str_or_str_list(v)
        _set_error_body_message(self, v)
        step = ".error"
        v = get("error", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_error_body_error(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 3:  # a key the spec lacks
        unknown_keys("ErrorBody", data, _error_body_keys)
    return self


_session_keys = frozenset(
    (
        "id",
        "status",
        "name",
        "appId",
        "recordUrls",
        "clientInfo",
        "duration",
        "isCreateTask",
        "channelId",
        "channel",
        "events",
        "createdAt",
        "updatedAt",
        "startedAt",
        "finishedAt",
    )
)
_set_session_id = slot_setter(models.Session, "id")
_set_session_status = slot_setter(models.Session, "status")
_set_session_name = slot_setter(models.Session, "name")
_set_session_app_id = slot_setter(models.Session, "app_id")
_set_session_record_urls = slot_setter(models.Session, "record_urls")
_set_session_client_info = slot_setter(models.Session, "client_info")
_set_session_duration = slot_setter(models.Session, "duration")
_set_session_is_create_task = slot_setter(models.Session, "is_create_task")
_set_session_channel_id = slot_setter(models.Session, "channel_id")
_set_session_channel = slot_setter(models.Session, "channel")
_set_session_events = slot_setter(models.Session, "events")
_set_session_created_at = slot_setter(models.Session, "created_at")
_set_session_updated_at = slot_setter(models.Session, "updated_at")
_set_session_started_at = slot_setter(models.Session, "started_at")
_set_session_finished_at = slot_setter(models.Session, "finished_at")


def structure_session(data: Any) -> models.Session:
    """Build a ``Session`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.Session)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".id"
        v = data["id"]
        if v.__class__ is not str:
            raise expected("str", v)
        _set_session_id(self, v)
        step = ".status"
        v = data["status"]
        m = _session_status_members.get(v) if v.__class__ is str else None
        v = m if m is not None else unknown_enum(models.SessionStatus, v, "Session", "status")
        _set_session_status(self, v)
        step = ".name"
        v = get("name", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_session_name(self, v)
        step = ".appId"
        v = get("appId", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_session_app_id(self, v)
        step = ".recordUrls"
        v = get("recordUrls", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = str_list(v)
        _set_session_record_urls(self, v)
        step = ".clientInfo"
        v = get("clientInfo", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = structure_client_info(v)
        _set_session_client_info(self, v)
        step = ".duration"
        v = get("duration", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not float):
            v = to_float(v)
        _set_session_duration(self, v)
        step = ".isCreateTask"
        v = get("isCreateTask", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v is not True and v is not False):
            raise expected("bool", v)
        _set_session_is_create_task(self, v)
        step = ".channelId"
        v = get("channelId", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not str):
            raise expected("str", v)
        _set_session_channel_id(self, v)
        step = ".channel"
        v = get("channel", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = structure_channel(v)
        _set_session_channel(self, v)
        step = ".events"
        v = get("events", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = list_of(structure_event, v)
        _set_session_events(self, v)
        step = ".createdAt"
        v = get("createdAt", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = parse_datetime(v)
        _set_session_created_at(self, v)
        step = ".updatedAt"
        v = get("updatedAt", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None:
            v = parse_datetime(v)
        _set_session_updated_at(self, v)
        step = ".startedAt"
        v = get("startedAt", MISSING)
        if v is MISSING:
            absent += 1
            v = UNSET
        elif v is not None:
            v = parse_datetime(v)
        _set_session_started_at(self, v)
        step = ".finishedAt"
        v = get("finishedAt", MISSING)
        if v is MISSING:
            absent += 1
            v = UNSET
        elif v is not None:
            v = parse_datetime(v)
        _set_session_finished_at(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 15:  # a key the spec lacks
        unknown_keys("Session", data, _session_keys)
    return self


_session_page_keys = frozenset(
    (
        "data",
        "total",
        "count",
        "page",
        "perPage",
    )
)
_set_session_page_data = slot_setter(models.SessionPage, "data")
_set_session_page_total = slot_setter(models.SessionPage, "total")
_set_session_page_count = slot_setter(models.SessionPage, "count")
_set_session_page_page = slot_setter(models.SessionPage, "page")
_set_session_page_per_page = slot_setter(models.SessionPage, "per_page")


def structure_session_page(data: Any) -> models.SessionPage:
    """Build a ``SessionPage`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is not dict and not isinstance(data, dict):
        raise not_an_object(data)
    self = new(models.SessionPage)
    get = data.get
    absent = 0
    step = ""
    try:
        step = ".data"
        v = data["data"]
        v = list_of(structure_session, v)
        _set_session_page_data(self, v)
        step = ".total"
        v = get("total", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_session_page_total(self, v)
        step = ".count"
        v = get("count", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_session_page_count(self, v)
        step = ".page"
        v = get("page", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_session_page_page(self, v)
        step = ".perPage"
        v = get("perPage", MISSING)
        if v is MISSING:
            absent += 1
            v = None
        elif v is not None and (v.__class__ is not int):
            raise expected("int", v)
        _set_session_page_per_page(self, v)
    except StructureError as failure:
        del self
        failure.steps.append(step)
        raise
    except KeyError:  # only a required key read as data[key] raises it
        del self
        raise StructureError("required field missing", step) from None
    except Exception as error:  # a bad timestamp, a constraint: the field's failure
        del self
        raise StructureError(describe(error), step) from None
    if len(data) + absent != 5:  # a key the spec lacks
        unknown_keys("SessionPage", data, _session_page_keys)
    return self


STRUCTURE_FUNCTIONS: dict[type[Any], Any] = {
    models.ChannelInput: structure_channel_input,
    models.MachineConfig: structure_machine_config,
    models.S3Destination: structure_s3_destination,
    models.CatchupDestination: structure_catchup_destination,
    models.ChannelCreate: structure_channel_create,
    models.ChannelUpdate: structure_channel_update,
    models.Channel: structure_channel,
    models.ClientInfo: structure_client_info,
    models.SessionStatusResult: structure_session_status_result,
    models.Event: structure_event,
    models.ChannelPage: structure_channel_page,
    models.EventPage: structure_event_page,
    models.ErrorBody: structure_error_body,
    models.Session: structure_session,
    models.SessionPage: structure_session_page,
}
"""Every model class and its structure function."""
