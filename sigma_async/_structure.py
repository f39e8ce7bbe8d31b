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
    DICT_SUBCLASS,
    UTC,
    StructureError,
    accepted_keys,
    describe,
    expected,
    fromisoformat,
    list_of,
    members_of,
    not_an_object,
    parse_datetime,
    raw_class,
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

_catchup_destination_type_members = members_of(models.CatchupDestinationType)
_channel_mode_members = members_of(models.ChannelMode)
_channel_status_members = members_of(models.ChannelStatus)
_channel_type_members = members_of(models.ChannelType)
_event_action_members = members_of(models.EventAction)
_machine_type_members = members_of(models.MachineType)
_output_format_members = members_of(models.OutputFormat)
_session_status_members = members_of(models.SessionStatus)

_channel_input_keys = frozenset(
    (
        "streamToken",
        "rtmpServer",
    )
)
_raw_channel_input = raw_class(models.ChannelInput)
_channel_input_accepted = accepted_keys("ChannelInput", _channel_input_keys)


def structure_channel_input(data: Any) -> models.ChannelInput:
    """Build a ``ChannelInput`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_channel_input()
    step = ""
    try:
        if len(data) == 0:  # the required keys only, or a required key missing
            self.stream_token = None
            self.rtmp_server = None
        elif len(data) == 2 and data.__class__ is dict:  # every key, likely
            step = ".streamToken"
            try:
                v = data["streamToken"]
            except KeyError:
                unknown += 1
                self.stream_token = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.stream_token = v
            step = ".rtmpServer"
            try:
                v = data["rtmpServer"]
            except KeyError:
                unknown += 1
                self.rtmp_server = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.rtmp_server = v
        else:
            unknown += len(data) - 2
            step = ".streamToken"
            if "streamToken" in data:
                v = data["streamToken"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.stream_token = v
            else:
                unknown += 1
                self.stream_token = None
            step = ".rtmpServer"
            if "rtmpServer" in data:
                v = data["rtmpServer"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.rtmp_server = v
            else:
                unknown += 1
                self.rtmp_server = None
        self.__class__ = models.ChannelInput  # every slot is set: it is a ChannelInput now
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
    if unknown and not data.keys() <= _channel_input_accepted:
        unknown_keys("ChannelInput", data, _channel_input_keys)
    return self


_machine_config_keys = frozenset(
    (
        "enabled",
        "machineId",
        "machineType",
    )
)
_raw_machine_config = raw_class(models.MachineConfig)
_machine_config_accepted = accepted_keys("MachineConfig", _machine_config_keys)


def structure_machine_config(data: Any) -> models.MachineConfig:
    """Build a ``MachineConfig`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_machine_config()
    step = ""
    try:
        if len(data) == 0:  # the required keys only, or a required key missing
            self.enabled = None
            self.machine_id = UNSET
            self.machine_type = None
        elif len(data) == 3 and data.__class__ is dict:  # every key, likely
            step = ".enabled"
            try:
                v = data["enabled"]
            except KeyError:
                unknown += 1
                self.enabled = None
            else:
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.enabled = v
            step = ".machineId"
            try:
                v = data["machineId"]
            except KeyError:
                unknown += 1
                self.machine_id = UNSET
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.machine_id = v
            step = ".machineType"
            try:
                v = data["machineType"]
            except KeyError:
                unknown += 1
                self.machine_type = None
            else:
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _machine_type_members[v]
                        except KeyError:
                            v = unknown_enum(models.MachineType, v, "MachineConfig", "machineType")
                    else:
                        v = unknown_enum(models.MachineType, v, "MachineConfig", "machineType")
                self.machine_type = v
        else:
            unknown += len(data) - 3
            step = ".enabled"
            if "enabled" in data:
                v = data["enabled"]
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.enabled = v
            else:
                unknown += 1
                self.enabled = None
            step = ".machineId"
            if "machineId" in data:
                v = data["machineId"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.machine_id = v
            else:
                unknown += 1
                self.machine_id = UNSET
            step = ".machineType"
            if "machineType" in data:
                v = data["machineType"]
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _machine_type_members[v]
                        except KeyError:
                            v = unknown_enum(models.MachineType, v, "MachineConfig", "machineType")
                    else:
                        v = unknown_enum(models.MachineType, v, "MachineConfig", "machineType")
                self.machine_type = v
            else:
                unknown += 1
                self.machine_type = None
        self.__class__ = models.MachineConfig  # every slot is set: it is a MachineConfig now
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
    if unknown and not data.keys() <= _machine_config_accepted:
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
_raw_s3_destination = raw_class(models.S3Destination)
_s3_destination_accepted = accepted_keys("S3Destination", _s3_destination_keys)


def structure_s3_destination(data: Any) -> models.S3Destination:
    """Build a ``S3Destination`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_s3_destination()
    step = ""
    try:
        if len(data) == 0:  # the required keys only, or a required key missing
            self.access_key = None
            self.bucket = None
            self.endpoint = None
            self.secret_key = None
            self.region = None
            self.segment_prefix = UNSET
        elif len(data) == 6 and data.__class__ is dict:  # every key, likely
            step = ".accessKey"
            try:
                v = data["accessKey"]
            except KeyError:
                unknown += 1
                self.access_key = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.access_key = v
            step = ".bucket"
            try:
                v = data["bucket"]
            except KeyError:
                unknown += 1
                self.bucket = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.bucket = v
            step = ".endpoint"
            try:
                v = data["endpoint"]
            except KeyError:
                unknown += 1
                self.endpoint = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.endpoint = v
            step = ".secretKey"
            try:
                v = data["secretKey"]
            except KeyError:
                unknown += 1
                self.secret_key = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.secret_key = v
            step = ".region"
            try:
                v = data["region"]
            except KeyError:
                unknown += 1
                self.region = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.region = v
            step = ".segmentPrefix"
            try:
                v = data["segmentPrefix"]
            except KeyError:
                unknown += 1
                self.segment_prefix = UNSET
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.segment_prefix = v
        else:
            unknown += len(data) - 6
            step = ".accessKey"
            if "accessKey" in data:
                v = data["accessKey"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.access_key = v
            else:
                unknown += 1
                self.access_key = None
            step = ".bucket"
            if "bucket" in data:
                v = data["bucket"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.bucket = v
            else:
                unknown += 1
                self.bucket = None
            step = ".endpoint"
            if "endpoint" in data:
                v = data["endpoint"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.endpoint = v
            else:
                unknown += 1
                self.endpoint = None
            step = ".secretKey"
            if "secretKey" in data:
                v = data["secretKey"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.secret_key = v
            else:
                unknown += 1
                self.secret_key = None
            step = ".region"
            if "region" in data:
                v = data["region"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.region = v
            else:
                unknown += 1
                self.region = None
            step = ".segmentPrefix"
            if "segmentPrefix" in data:
                v = data["segmentPrefix"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.segment_prefix = v
            else:
                unknown += 1
                self.segment_prefix = UNSET
        self.__class__ = models.S3Destination  # every slot is set: it is a S3Destination now
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
    if unknown and not data.keys() <= _s3_destination_accepted:
        unknown_keys("S3Destination", data, _s3_destination_keys)
    return self


_catchup_destination_keys = frozenset(
    (
        "type",
        "s3",
    )
)
_raw_catchup_destination = raw_class(models.CatchupDestination)
_catchup_destination_accepted = accepted_keys("CatchupDestination", _catchup_destination_keys)


def structure_catchup_destination(data: Any) -> models.CatchupDestination:
    """Build a ``CatchupDestination`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_catchup_destination()
    step = ""
    try:
        if len(data) == 1:  # the required keys only, or a required key missing
            step = ".type"
            v = data["type"]
            if v.__class__ is str:
                try:
                    v = _catchup_destination_type_members[v]
                except KeyError:
                    v = unknown_enum(models.CatchupDestinationType, v, "CatchupDestination", "type")
            else:
                v = unknown_enum(models.CatchupDestinationType, v, "CatchupDestination", "type")
            self.type = v
            self.s3 = None
        elif len(data) == 2 and data.__class__ is dict:  # every key, likely
            step = ".type"
            v = data["type"]
            if v.__class__ is str:
                try:
                    v = _catchup_destination_type_members[v]
                except KeyError:
                    v = unknown_enum(models.CatchupDestinationType, v, "CatchupDestination", "type")
            else:
                v = unknown_enum(models.CatchupDestinationType, v, "CatchupDestination", "type")
            self.type = v
            step = ".s3"
            try:
                v = data["s3"]
            except KeyError:
                unknown += 1
                self.s3 = None
            else:
                if v is not None:
                    v = structure_s3_destination(v)
                self.s3 = v
        else:
            unknown += len(data) - 2
            step = ".type"
            v = data["type"]
            if v.__class__ is str:
                try:
                    v = _catchup_destination_type_members[v]
                except KeyError:
                    v = unknown_enum(models.CatchupDestinationType, v, "CatchupDestination", "type")
            else:
                v = unknown_enum(models.CatchupDestinationType, v, "CatchupDestination", "type")
            self.type = v
            step = ".s3"
            if "s3" in data:
                v = data["s3"]
                if v is not None:
                    v = structure_s3_destination(v)
                self.s3 = v
            else:
                unknown += 1
                self.s3 = None
        self.__class__ = (
            models.CatchupDestination
        )  # every slot is set: it is a CatchupDestination now
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
    if unknown and not data.keys() <= _catchup_destination_accepted:
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
_raw_channel_create = raw_class(models.ChannelCreate)
_channel_create_accepted = accepted_keys("ChannelCreate", _channel_create_keys)
_fields_channel_create = attrs.fields(models.ChannelCreate)
_check_channel_create_name = length(1, 50)
_check_channel_create_description = length(None, 250)
_check_channel_create_stop_timeout = at_least(1)


def structure_channel_create(data: Any) -> models.ChannelCreate:
    """Build a ``ChannelCreate`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_channel_create()
    step = ""
    try:
        if len(data) == 1:  # the required keys only, or a required key missing
            step = ".name"
            v = data["name"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.name = v
            self.description = UNSET
            self.tags = None
            self.transcode_profile = None
            self.type = None
            self.mode = None
            self.stop_timeout = None
            self.catchup = None
            self.record = None
            self.interaction = None
            self.output_format = None
            self.machine = None
            self.destination_catchup = None
        elif len(data) == 13 and data.__class__ is dict:  # every key, likely
            step = ".name"
            v = data["name"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.name = v
            step = ".description"
            try:
                v = data["description"]
            except KeyError:
                unknown += 1
                self.description = UNSET
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.description = v
            step = ".tags"
            try:
                v = data["tags"]
            except KeyError:
                unknown += 1
                self.tags = None
            else:
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.tags = v
            step = ".transcodeProfile"
            try:
                v = data["transcodeProfile"]
            except KeyError:
                unknown += 1
                self.transcode_profile = None
            else:
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.transcode_profile = v
            step = ".type"
            try:
                v = data["type"]
            except KeyError:
                unknown += 1
                self.type = None
            else:
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_type_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelType, v, "ChannelCreate", "type")
                    else:
                        v = unknown_enum(models.ChannelType, v, "ChannelCreate", "type")
                self.type = v
            step = ".mode"
            try:
                v = data["mode"]
            except KeyError:
                unknown += 1
                self.mode = None
            else:
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_mode_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelMode, v, "ChannelCreate", "mode")
                    else:
                        v = unknown_enum(models.ChannelMode, v, "ChannelCreate", "mode")
                self.mode = v
            step = ".stopTimeout"
            try:
                v = data["stopTimeout"]
            except KeyError:
                unknown += 1
                self.stop_timeout = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.stop_timeout = v
            step = ".catchup"
            try:
                v = data["catchup"]
            except KeyError:
                unknown += 1
                self.catchup = None
            else:
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.catchup = v
            step = ".record"
            try:
                v = data["record"]
            except KeyError:
                unknown += 1
                self.record = None
            else:
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.record = v
            step = ".interaction"
            try:
                v = data["interaction"]
            except KeyError:
                unknown += 1
                self.interaction = None
            else:
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.interaction = v
            step = ".outputFormat"
            try:
                v = data["outputFormat"]
            except KeyError:
                unknown += 1
                self.output_format = None
            else:
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _output_format_members[v]
                        except KeyError:
                            v = unknown_enum(
                                models.OutputFormat, v, "ChannelCreate", "outputFormat"
                            )
                    else:
                        v = unknown_enum(models.OutputFormat, v, "ChannelCreate", "outputFormat")
                self.output_format = v
            step = ".machine"
            try:
                v = data["machine"]
            except KeyError:
                unknown += 1
                self.machine = None
            else:
                if v is not None:
                    v = structure_machine_config(v)
                self.machine = v
            step = ".destinationCatchup"
            try:
                v = data["destinationCatchup"]
            except KeyError:
                unknown += 1
                self.destination_catchup = None
            else:
                if v is not None:
                    v = structure_catchup_destination(v)
                self.destination_catchup = v
        else:
            unknown += len(data) - 13
            step = ".name"
            v = data["name"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.name = v
            step = ".description"
            if "description" in data:
                v = data["description"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.description = v
            else:
                unknown += 1
                self.description = UNSET
            step = ".tags"
            if "tags" in data:
                v = data["tags"]
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.tags = v
            else:
                unknown += 1
                self.tags = None
            step = ".transcodeProfile"
            if "transcodeProfile" in data:
                v = data["transcodeProfile"]
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.transcode_profile = v
            else:
                unknown += 1
                self.transcode_profile = None
            step = ".type"
            if "type" in data:
                v = data["type"]
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_type_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelType, v, "ChannelCreate", "type")
                    else:
                        v = unknown_enum(models.ChannelType, v, "ChannelCreate", "type")
                self.type = v
            else:
                unknown += 1
                self.type = None
            step = ".mode"
            if "mode" in data:
                v = data["mode"]
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_mode_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelMode, v, "ChannelCreate", "mode")
                    else:
                        v = unknown_enum(models.ChannelMode, v, "ChannelCreate", "mode")
                self.mode = v
            else:
                unknown += 1
                self.mode = None
            step = ".stopTimeout"
            if "stopTimeout" in data:
                v = data["stopTimeout"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.stop_timeout = v
            else:
                unknown += 1
                self.stop_timeout = None
            step = ".catchup"
            if "catchup" in data:
                v = data["catchup"]
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.catchup = v
            else:
                unknown += 1
                self.catchup = None
            step = ".record"
            if "record" in data:
                v = data["record"]
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.record = v
            else:
                unknown += 1
                self.record = None
            step = ".interaction"
            if "interaction" in data:
                v = data["interaction"]
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.interaction = v
            else:
                unknown += 1
                self.interaction = None
            step = ".outputFormat"
            if "outputFormat" in data:
                v = data["outputFormat"]
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _output_format_members[v]
                        except KeyError:
                            v = unknown_enum(
                                models.OutputFormat, v, "ChannelCreate", "outputFormat"
                            )
                    else:
                        v = unknown_enum(models.OutputFormat, v, "ChannelCreate", "outputFormat")
                self.output_format = v
            else:
                unknown += 1
                self.output_format = None
            step = ".machine"
            if "machine" in data:
                v = data["machine"]
                if v is not None:
                    v = structure_machine_config(v)
                self.machine = v
            else:
                unknown += 1
                self.machine = None
            step = ".destinationCatchup"
            if "destinationCatchup" in data:
                v = data["destinationCatchup"]
                if v is not None:
                    v = structure_catchup_destination(v)
                self.destination_catchup = v
            else:
                unknown += 1
                self.destination_catchup = None
        self.__class__ = models.ChannelCreate  # every slot is set: it is a ChannelCreate now
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
    if unknown and not data.keys() <= _channel_create_accepted:
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
_raw_channel_update = raw_class(models.ChannelUpdate)
_channel_update_accepted = accepted_keys("ChannelUpdate", _channel_update_keys)
_fields_channel_update = attrs.fields(models.ChannelUpdate)
_check_channel_update_name = length(1, 50)
_check_channel_update_description = length(None, 250)
_check_channel_update_stop_timeout = at_least(1)


def structure_channel_update(data: Any) -> models.ChannelUpdate:
    """Build a ``ChannelUpdate`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_channel_update()
    step = ""
    try:
        if len(data) == 0:  # the required keys only, or a required key missing
            self.name = None
            self.description = UNSET
            self.tags = None
            self.transcode_profile = None
            self.type = None
            self.mode = None
            self.stop_timeout = None
            self.catchup = None
            self.record = None
            self.interaction = None
            self.output_format = None
            self.machine = None
            self.destination_catchup = None
        elif len(data) == 13 and data.__class__ is dict:  # every key, likely
            step = ".name"
            try:
                v = data["name"]
            except KeyError:
                unknown += 1
                self.name = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.name = v
            step = ".description"
            try:
                v = data["description"]
            except KeyError:
                unknown += 1
                self.description = UNSET
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.description = v
            step = ".tags"
            try:
                v = data["tags"]
            except KeyError:
                unknown += 1
                self.tags = None
            else:
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.tags = v
            step = ".transcodeProfile"
            try:
                v = data["transcodeProfile"]
            except KeyError:
                unknown += 1
                self.transcode_profile = None
            else:
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.transcode_profile = v
            step = ".type"
            try:
                v = data["type"]
            except KeyError:
                unknown += 1
                self.type = None
            else:
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_type_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelType, v, "ChannelUpdate", "type")
                    else:
                        v = unknown_enum(models.ChannelType, v, "ChannelUpdate", "type")
                self.type = v
            step = ".mode"
            try:
                v = data["mode"]
            except KeyError:
                unknown += 1
                self.mode = None
            else:
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_mode_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelMode, v, "ChannelUpdate", "mode")
                    else:
                        v = unknown_enum(models.ChannelMode, v, "ChannelUpdate", "mode")
                self.mode = v
            step = ".stopTimeout"
            try:
                v = data["stopTimeout"]
            except KeyError:
                unknown += 1
                self.stop_timeout = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.stop_timeout = v
            step = ".catchup"
            try:
                v = data["catchup"]
            except KeyError:
                unknown += 1
                self.catchup = None
            else:
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.catchup = v
            step = ".record"
            try:
                v = data["record"]
            except KeyError:
                unknown += 1
                self.record = None
            else:
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.record = v
            step = ".interaction"
            try:
                v = data["interaction"]
            except KeyError:
                unknown += 1
                self.interaction = None
            else:
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.interaction = v
            step = ".outputFormat"
            try:
                v = data["outputFormat"]
            except KeyError:
                unknown += 1
                self.output_format = None
            else:
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _output_format_members[v]
                        except KeyError:
                            v = unknown_enum(
                                models.OutputFormat, v, "ChannelUpdate", "outputFormat"
                            )
                    else:
                        v = unknown_enum(models.OutputFormat, v, "ChannelUpdate", "outputFormat")
                self.output_format = v
            step = ".machine"
            try:
                v = data["machine"]
            except KeyError:
                unknown += 1
                self.machine = None
            else:
                if v is not None:
                    v = structure_machine_config(v)
                self.machine = v
            step = ".destinationCatchup"
            try:
                v = data["destinationCatchup"]
            except KeyError:
                unknown += 1
                self.destination_catchup = None
            else:
                if v is not None:
                    v = structure_catchup_destination(v)
                self.destination_catchup = v
        else:
            unknown += len(data) - 13
            step = ".name"
            if "name" in data:
                v = data["name"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.name = v
            else:
                unknown += 1
                self.name = None
            step = ".description"
            if "description" in data:
                v = data["description"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.description = v
            else:
                unknown += 1
                self.description = UNSET
            step = ".tags"
            if "tags" in data:
                v = data["tags"]
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.tags = v
            else:
                unknown += 1
                self.tags = None
            step = ".transcodeProfile"
            if "transcodeProfile" in data:
                v = data["transcodeProfile"]
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.transcode_profile = v
            else:
                unknown += 1
                self.transcode_profile = None
            step = ".type"
            if "type" in data:
                v = data["type"]
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_type_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelType, v, "ChannelUpdate", "type")
                    else:
                        v = unknown_enum(models.ChannelType, v, "ChannelUpdate", "type")
                self.type = v
            else:
                unknown += 1
                self.type = None
            step = ".mode"
            if "mode" in data:
                v = data["mode"]
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_mode_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelMode, v, "ChannelUpdate", "mode")
                    else:
                        v = unknown_enum(models.ChannelMode, v, "ChannelUpdate", "mode")
                self.mode = v
            else:
                unknown += 1
                self.mode = None
            step = ".stopTimeout"
            if "stopTimeout" in data:
                v = data["stopTimeout"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.stop_timeout = v
            else:
                unknown += 1
                self.stop_timeout = None
            step = ".catchup"
            if "catchup" in data:
                v = data["catchup"]
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.catchup = v
            else:
                unknown += 1
                self.catchup = None
            step = ".record"
            if "record" in data:
                v = data["record"]
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.record = v
            else:
                unknown += 1
                self.record = None
            step = ".interaction"
            if "interaction" in data:
                v = data["interaction"]
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.interaction = v
            else:
                unknown += 1
                self.interaction = None
            step = ".outputFormat"
            if "outputFormat" in data:
                v = data["outputFormat"]
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _output_format_members[v]
                        except KeyError:
                            v = unknown_enum(
                                models.OutputFormat, v, "ChannelUpdate", "outputFormat"
                            )
                    else:
                        v = unknown_enum(models.OutputFormat, v, "ChannelUpdate", "outputFormat")
                self.output_format = v
            else:
                unknown += 1
                self.output_format = None
            step = ".machine"
            if "machine" in data:
                v = data["machine"]
                if v is not None:
                    v = structure_machine_config(v)
                self.machine = v
            else:
                unknown += 1
                self.machine = None
            step = ".destinationCatchup"
            if "destinationCatchup" in data:
                v = data["destinationCatchup"]
                if v is not None:
                    v = structure_catchup_destination(v)
                self.destination_catchup = v
            else:
                unknown += 1
                self.destination_catchup = None
        self.__class__ = models.ChannelUpdate  # every slot is set: it is a ChannelUpdate now
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
    if unknown and not data.keys() <= _channel_update_accepted:
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
_raw_channel = raw_class(models.Channel)
_channel_accepted = accepted_keys("Channel", _channel_keys)


def structure_channel(data: Any) -> models.Channel:
    """Build a ``Channel`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_channel()
    step = ""
    try:
        if len(data) == 2:  # the required keys only, or a required key missing
            step = ".id"
            v = data["id"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.id = v
            step = ".name"
            v = data["name"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.name = v
            self.description = UNSET
            self.tags = None
            self.app_id = None
            self.input_id = None
            self.transcode_profile = None
            self.type = None
            self.mode = None
            self.stop_timeout = None
            self.catchup = None
            self.destination_catchup = None
            self.record = None
            self.interaction = None
            self.output_format = None
            self.status = None
            self.machine = None
            self.created_at = None
            self.updated_at = None
            self.current_session_id = UNSET
            self.input = None
            self.live_stream_url = None
        elif len(data) == 22 and data.__class__ is dict:  # every key, likely
            step = ".id"
            v = data["id"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.id = v
            step = ".name"
            v = data["name"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.name = v
            step = ".description"
            try:
                v = data["description"]
            except KeyError:
                unknown += 1
                self.description = UNSET
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.description = v
            step = ".tags"
            try:
                v = data["tags"]
            except KeyError:
                unknown += 1
                self.tags = None
            else:
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.tags = v
            step = ".appId"
            try:
                v = data["appId"]
            except KeyError:
                unknown += 1
                self.app_id = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.app_id = v
            step = ".inputId"
            try:
                v = data["inputId"]
            except KeyError:
                unknown += 1
                self.input_id = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.input_id = v
            step = ".transcodeProfile"
            try:
                v = data["transcodeProfile"]
            except KeyError:
                unknown += 1
                self.transcode_profile = None
            else:
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.transcode_profile = v
            step = ".type"
            try:
                v = data["type"]
            except KeyError:
                unknown += 1
                self.type = None
            else:
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_type_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelType, v, "Channel", "type")
                    else:
                        v = unknown_enum(models.ChannelType, v, "Channel", "type")
                self.type = v
            step = ".mode"
            try:
                v = data["mode"]
            except KeyError:
                unknown += 1
                self.mode = None
            else:
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_mode_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelMode, v, "Channel", "mode")
                    else:
                        v = unknown_enum(models.ChannelMode, v, "Channel", "mode")
                self.mode = v
            step = ".stopTimeout"
            try:
                v = data["stopTimeout"]
            except KeyError:
                unknown += 1
                self.stop_timeout = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.stop_timeout = v
            step = ".catchup"
            try:
                v = data["catchup"]
            except KeyError:
                unknown += 1
                self.catchup = None
            else:
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.catchup = v
            step = ".destinationCatchup"
            try:
                v = data["destinationCatchup"]
            except KeyError:
                unknown += 1
                self.destination_catchup = None
            else:
                if v is not None:
                    v = structure_catchup_destination(v)
                self.destination_catchup = v
            step = ".record"
            try:
                v = data["record"]
            except KeyError:
                unknown += 1
                self.record = None
            else:
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.record = v
            step = ".interaction"
            try:
                v = data["interaction"]
            except KeyError:
                unknown += 1
                self.interaction = None
            else:
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.interaction = v
            step = ".outputFormat"
            try:
                v = data["outputFormat"]
            except KeyError:
                unknown += 1
                self.output_format = None
            else:
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _output_format_members[v]
                        except KeyError:
                            v = unknown_enum(models.OutputFormat, v, "Channel", "outputFormat")
                    else:
                        v = unknown_enum(models.OutputFormat, v, "Channel", "outputFormat")
                self.output_format = v
            step = ".status"
            try:
                v = data["status"]
            except KeyError:
                unknown += 1
                self.status = None
            else:
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_status_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelStatus, v, "Channel", "status")
                    else:
                        v = unknown_enum(models.ChannelStatus, v, "Channel", "status")
                self.status = v
            step = ".machine"
            try:
                v = data["machine"]
            except KeyError:
                unknown += 1
                self.machine = None
            else:
                if v is not None:
                    v = structure_machine_config(v)
                self.machine = v
            step = ".createdAt"
            try:
                v = data["createdAt"]
            except KeyError:
                unknown += 1
                self.created_at = None
            else:
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.created_at = v
            step = ".updatedAt"
            try:
                v = data["updatedAt"]
            except KeyError:
                unknown += 1
                self.updated_at = None
            else:
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.updated_at = v
            step = ".currentSessionId"
            try:
                v = data["currentSessionId"]
            except KeyError:
                unknown += 1
                self.current_session_id = UNSET
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.current_session_id = v
            step = ".input"
            try:
                v = data["input"]
            except KeyError:
                unknown += 1
                self.input = None
            else:
                if v is not None:
                    v = structure_channel_input(v)
                self.input = v
            step = ".liveStreamUrl"
            try:
                v = data["liveStreamUrl"]
            except KeyError:
                unknown += 1
                self.live_stream_url = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.live_stream_url = v
        else:
            unknown += len(data) - 22
            step = ".id"
            v = data["id"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.id = v
            step = ".name"
            v = data["name"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.name = v
            step = ".description"
            if "description" in data:
                v = data["description"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.description = v
            else:
                unknown += 1
                self.description = UNSET
            step = ".tags"
            if "tags" in data:
                v = data["tags"]
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.tags = v
            else:
                unknown += 1
                self.tags = None
            step = ".appId"
            if "appId" in data:
                v = data["appId"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.app_id = v
            else:
                unknown += 1
                self.app_id = None
            step = ".inputId"
            if "inputId" in data:
                v = data["inputId"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.input_id = v
            else:
                unknown += 1
                self.input_id = None
            step = ".transcodeProfile"
            if "transcodeProfile" in data:
                v = data["transcodeProfile"]
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.transcode_profile = v
            else:
                unknown += 1
                self.transcode_profile = None
            step = ".type"
            if "type" in data:
                v = data["type"]
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_type_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelType, v, "Channel", "type")
                    else:
                        v = unknown_enum(models.ChannelType, v, "Channel", "type")
                self.type = v
            else:
                unknown += 1
                self.type = None
            step = ".mode"
            if "mode" in data:
                v = data["mode"]
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_mode_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelMode, v, "Channel", "mode")
                    else:
                        v = unknown_enum(models.ChannelMode, v, "Channel", "mode")
                self.mode = v
            else:
                unknown += 1
                self.mode = None
            step = ".stopTimeout"
            if "stopTimeout" in data:
                v = data["stopTimeout"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.stop_timeout = v
            else:
                unknown += 1
                self.stop_timeout = None
            step = ".catchup"
            if "catchup" in data:
                v = data["catchup"]
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.catchup = v
            else:
                unknown += 1
                self.catchup = None
            step = ".destinationCatchup"
            if "destinationCatchup" in data:
                v = data["destinationCatchup"]
                if v is not None:
                    v = structure_catchup_destination(v)
                self.destination_catchup = v
            else:
                unknown += 1
                self.destination_catchup = None
            step = ".record"
            if "record" in data:
                v = data["record"]
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.record = v
            else:
                unknown += 1
                self.record = None
            step = ".interaction"
            if "interaction" in data:
                v = data["interaction"]
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.interaction = v
            else:
                unknown += 1
                self.interaction = None
            step = ".outputFormat"
            if "outputFormat" in data:
                v = data["outputFormat"]
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _output_format_members[v]
                        except KeyError:
                            v = unknown_enum(models.OutputFormat, v, "Channel", "outputFormat")
                    else:
                        v = unknown_enum(models.OutputFormat, v, "Channel", "outputFormat")
                self.output_format = v
            else:
                unknown += 1
                self.output_format = None
            step = ".status"
            if "status" in data:
                v = data["status"]
                if v is not None:
                    if v.__class__ is str:
                        try:
                            v = _channel_status_members[v]
                        except KeyError:
                            v = unknown_enum(models.ChannelStatus, v, "Channel", "status")
                    else:
                        v = unknown_enum(models.ChannelStatus, v, "Channel", "status")
                self.status = v
            else:
                unknown += 1
                self.status = None
            step = ".machine"
            if "machine" in data:
                v = data["machine"]
                if v is not None:
                    v = structure_machine_config(v)
                self.machine = v
            else:
                unknown += 1
                self.machine = None
            step = ".createdAt"
            if "createdAt" in data:
                v = data["createdAt"]
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.created_at = v
            else:
                unknown += 1
                self.created_at = None
            step = ".updatedAt"
            if "updatedAt" in data:
                v = data["updatedAt"]
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.updated_at = v
            else:
                unknown += 1
                self.updated_at = None
            step = ".currentSessionId"
            if "currentSessionId" in data:
                v = data["currentSessionId"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.current_session_id = v
            else:
                unknown += 1
                self.current_session_id = UNSET
            step = ".input"
            if "input" in data:
                v = data["input"]
                if v is not None:
                    v = structure_channel_input(v)
                self.input = v
            else:
                unknown += 1
                self.input = None
            step = ".liveStreamUrl"
            if "liveStreamUrl" in data:
                v = data["liveStreamUrl"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.live_stream_url = v
            else:
                unknown += 1
                self.live_stream_url = None
        self.__class__ = models.Channel  # every slot is set: it is a Channel now
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
    if unknown and not data.keys() <= _channel_accepted:
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
_raw_client_info = raw_class(models.ClientInfo)
_client_info_accepted = accepted_keys("ClientInfo", _client_info_keys)


def structure_client_info(data: Any) -> models.ClientInfo:
    """Build a ``ClientInfo`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_client_info()
    step = ""
    try:
        if len(data) == 0:  # the required keys only, or a required key missing
            self.action = None
            self.stream = None
            self.ip = None
            self.client_id = None
            self.param = None
            self.tc_url = None
            self.ips = None
            self.app = None
            self.stream_id = None
        elif len(data) == 9 and data.__class__ is dict:  # every key, likely
            step = ".action"
            try:
                v = data["action"]
            except KeyError:
                unknown += 1
                self.action = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.action = v
            step = ".stream"
            try:
                v = data["stream"]
            except KeyError:
                unknown += 1
                self.stream = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.stream = v
            step = ".ip"
            try:
                v = data["ip"]
            except KeyError:
                unknown += 1
                self.ip = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.ip = v
            step = ".client_id"
            try:
                v = data["client_id"]
            except KeyError:
                unknown += 1
                self.client_id = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.client_id = v
            step = ".param"
            try:
                v = data["param"]
            except KeyError:
                unknown += 1
                self.param = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.param = v
            step = ".tcUrl"
            try:
                v = data["tcUrl"]
            except KeyError:
                unknown += 1
                self.tc_url = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.tc_url = v
            step = ".ips"
            try:
                v = data["ips"]
            except KeyError:
                unknown += 1
                self.ips = None
            else:
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.ips = v
            step = ".app"
            try:
                v = data["app"]
            except KeyError:
                unknown += 1
                self.app = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.app = v
            step = ".stream_id"
            try:
                v = data["stream_id"]
            except KeyError:
                unknown += 1
                self.stream_id = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.stream_id = v
        else:
            unknown += len(data) - 9
            step = ".action"
            if "action" in data:
                v = data["action"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.action = v
            else:
                unknown += 1
                self.action = None
            step = ".stream"
            if "stream" in data:
                v = data["stream"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.stream = v
            else:
                unknown += 1
                self.stream = None
            step = ".ip"
            if "ip" in data:
                v = data["ip"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.ip = v
            else:
                unknown += 1
                self.ip = None
            step = ".client_id"
            if "client_id" in data:
                v = data["client_id"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.client_id = v
            else:
                unknown += 1
                self.client_id = None
            step = ".param"
            if "param" in data:
                v = data["param"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.param = v
            else:
                unknown += 1
                self.param = None
            step = ".tcUrl"
            if "tcUrl" in data:
                v = data["tcUrl"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.tc_url = v
            else:
                unknown += 1
                self.tc_url = None
            step = ".ips"
            if "ips" in data:
                v = data["ips"]
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.ips = v
            else:
                unknown += 1
                self.ips = None
            step = ".app"
            if "app" in data:
                v = data["app"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.app = v
            else:
                unknown += 1
                self.app = None
            step = ".stream_id"
            if "stream_id" in data:
                v = data["stream_id"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.stream_id = v
            else:
                unknown += 1
                self.stream_id = None
        self.__class__ = models.ClientInfo  # every slot is set: it is a ClientInfo now
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
    if unknown and not data.keys() <= _client_info_accepted:
        unknown_keys("ClientInfo", data, _client_info_keys)
    return self


_session_status_result_keys = frozenset(("status",))
_raw_session_status_result = raw_class(models.SessionStatusResult)
_session_status_result_accepted = accepted_keys("SessionStatusResult", _session_status_result_keys)


def structure_session_status_result(data: Any) -> models.SessionStatusResult:
    """Build a ``SessionStatusResult`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_session_status_result()
    step = ""
    try:
        unknown += len(data) - 1
        step = ".status"
        v = data["status"]
        if v.__class__ is str:
            try:
                v = _session_status_members[v]
            except KeyError:
                v = unknown_enum(models.SessionStatus, v, "SessionStatusResult", "status")
        else:
            v = unknown_enum(models.SessionStatus, v, "SessionStatusResult", "status")
        self.status = v
        self.__class__ = (
            models.SessionStatusResult
        )  # every slot is set: it is a SessionStatusResult now
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
    if unknown and not data.keys() <= _session_status_result_accepted:
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
_raw_event = raw_class(models.Event)
_event_accepted = accepted_keys("Event", _event_keys)


def structure_event(data: Any) -> models.Event:
    """Build a ``Event`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_event()
    step = ""
    try:
        if len(data) == 2:  # the required keys only, or a required key missing
            step = ".id"
            v = data["id"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.id = v
            step = ".action"
            v = data["action"]
            if v.__class__ is str:
                try:
                    v = _event_action_members[v]
                except KeyError:
                    v = unknown_enum(models.EventAction, v, "Event", "action")
            else:
                v = unknown_enum(models.EventAction, v, "Event", "action")
            self.action = v
            self.session_id = None
            self.actor = None
            self.message = None
            self.created_at = None
            self.updated_at = None
        elif len(data) == 7 and data.__class__ is dict:  # every key, likely
            step = ".id"
            v = data["id"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.id = v
            step = ".action"
            v = data["action"]
            if v.__class__ is str:
                try:
                    v = _event_action_members[v]
                except KeyError:
                    v = unknown_enum(models.EventAction, v, "Event", "action")
            else:
                v = unknown_enum(models.EventAction, v, "Event", "action")
            self.action = v
            step = ".sessionId"
            try:
                v = data["sessionId"]
            except KeyError:
                unknown += 1
                self.session_id = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.session_id = v
            step = ".actor"
            try:
                v = data["actor"]
            except KeyError:
                unknown += 1
                self.actor = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.actor = v
            step = ".message"
            try:
                v = data["message"]
            except KeyError:
                unknown += 1
                self.message = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.message = v
            step = ".createdAt"
            try:
                v = data["createdAt"]
            except KeyError:
                unknown += 1
                self.created_at = None
            else:
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.created_at = v
            step = ".updatedAt"
            try:
                v = data["updatedAt"]
            except KeyError:
                unknown += 1
                self.updated_at = None
            else:
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.updated_at = v
        else:
            unknown += len(data) - 7
            step = ".id"
            v = data["id"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.id = v
            step = ".action"
            v = data["action"]
            if v.__class__ is str:
                try:
                    v = _event_action_members[v]
                except KeyError:
                    v = unknown_enum(models.EventAction, v, "Event", "action")
            else:
                v = unknown_enum(models.EventAction, v, "Event", "action")
            self.action = v
            step = ".sessionId"
            if "sessionId" in data:
                v = data["sessionId"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.session_id = v
            else:
                unknown += 1
                self.session_id = None
            step = ".actor"
            if "actor" in data:
                v = data["actor"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.actor = v
            else:
                unknown += 1
                self.actor = None
            step = ".message"
            if "message" in data:
                v = data["message"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.message = v
            else:
                unknown += 1
                self.message = None
            step = ".createdAt"
            if "createdAt" in data:
                v = data["createdAt"]
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.created_at = v
            else:
                unknown += 1
                self.created_at = None
            step = ".updatedAt"
            if "updatedAt" in data:
                v = data["updatedAt"]
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.updated_at = v
            else:
                unknown += 1
                self.updated_at = None
        self.__class__ = models.Event  # every slot is set: it is a Event now
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
    if unknown and not data.keys() <= _event_accepted:
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
_raw_channel_page = raw_class(models.ChannelPage)
_channel_page_accepted = accepted_keys("ChannelPage", _channel_page_keys)


def structure_channel_page(data: Any) -> models.ChannelPage:
    """Build a ``ChannelPage`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_channel_page()
    step = ""
    try:
        if len(data) == 1:  # the required keys only, or a required key missing
            step = ".data"
            v = data["data"]
            v = [] if v.__class__ is list and not v else list_of(structure_channel, v)
            self.data = v
            self.total = None
            self.count = None
            self.page = None
            self.per_page = None
        elif len(data) == 5 and data.__class__ is dict:  # every key, likely
            step = ".data"
            v = data["data"]
            v = [] if v.__class__ is list and not v else list_of(structure_channel, v)
            self.data = v
            step = ".total"
            try:
                v = data["total"]
            except KeyError:
                unknown += 1
                self.total = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.total = v
            step = ".count"
            try:
                v = data["count"]
            except KeyError:
                unknown += 1
                self.count = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.count = v
            step = ".page"
            try:
                v = data["page"]
            except KeyError:
                unknown += 1
                self.page = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.page = v
            step = ".perPage"
            try:
                v = data["perPage"]
            except KeyError:
                unknown += 1
                self.per_page = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.per_page = v
        else:
            unknown += len(data) - 5
            step = ".data"
            v = data["data"]
            v = [] if v.__class__ is list and not v else list_of(structure_channel, v)
            self.data = v
            step = ".total"
            if "total" in data:
                v = data["total"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.total = v
            else:
                unknown += 1
                self.total = None
            step = ".count"
            if "count" in data:
                v = data["count"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.count = v
            else:
                unknown += 1
                self.count = None
            step = ".page"
            if "page" in data:
                v = data["page"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.page = v
            else:
                unknown += 1
                self.page = None
            step = ".perPage"
            if "perPage" in data:
                v = data["perPage"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.per_page = v
            else:
                unknown += 1
                self.per_page = None
        self.__class__ = models.ChannelPage  # every slot is set: it is a ChannelPage now
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
    if unknown and not data.keys() <= _channel_page_accepted:
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
_raw_event_page = raw_class(models.EventPage)
_event_page_accepted = accepted_keys("EventPage", _event_page_keys)


def structure_event_page(data: Any) -> models.EventPage:
    """Build a ``EventPage`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_event_page()
    step = ""
    try:
        if len(data) == 1:  # the required keys only, or a required key missing
            step = ".data"
            v = data["data"]
            v = [] if v.__class__ is list and not v else list_of(structure_event, v)
            self.data = v
            self.total = None
            self.count = None
            self.page = None
            self.per_page = None
        elif len(data) == 5 and data.__class__ is dict:  # every key, likely
            step = ".data"
            v = data["data"]
            v = [] if v.__class__ is list and not v else list_of(structure_event, v)
            self.data = v
            step = ".total"
            try:
                v = data["total"]
            except KeyError:
                unknown += 1
                self.total = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.total = v
            step = ".count"
            try:
                v = data["count"]
            except KeyError:
                unknown += 1
                self.count = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.count = v
            step = ".page"
            try:
                v = data["page"]
            except KeyError:
                unknown += 1
                self.page = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.page = v
            step = ".perPage"
            try:
                v = data["perPage"]
            except KeyError:
                unknown += 1
                self.per_page = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.per_page = v
        else:
            unknown += len(data) - 5
            step = ".data"
            v = data["data"]
            v = [] if v.__class__ is list and not v else list_of(structure_event, v)
            self.data = v
            step = ".total"
            if "total" in data:
                v = data["total"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.total = v
            else:
                unknown += 1
                self.total = None
            step = ".count"
            if "count" in data:
                v = data["count"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.count = v
            else:
                unknown += 1
                self.count = None
            step = ".page"
            if "page" in data:
                v = data["page"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.page = v
            else:
                unknown += 1
                self.page = None
            step = ".perPage"
            if "perPage" in data:
                v = data["perPage"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.per_page = v
            else:
                unknown += 1
                self.per_page = None
        self.__class__ = models.EventPage  # every slot is set: it is a EventPage now
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
    if unknown and not data.keys() <= _event_page_accepted:
        unknown_keys("EventPage", data, _event_page_keys)
    return self


_error_body_keys = frozenset(
    (
        "statusCode",
        "message",
        "error",
    )
)
_raw_error_body = raw_class(models.ErrorBody)
_error_body_accepted = accepted_keys("ErrorBody", _error_body_keys)


def structure_error_body(data: Any) -> models.ErrorBody:
    """Build a ``ErrorBody`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_error_body()
    step = ""
    try:
        if len(data) == 0:  # the required keys only, or a required key missing
            self.status_code = None
            self.message = None
            self.error = None
        elif len(data) == 3 and data.__class__ is dict:  # every key, likely
            step = ".statusCode"
            try:
                v = data["statusCode"]
            except KeyError:
                unknown += 1
                self.status_code = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.status_code = v
            step = ".message"
            try:
                v = data["message"]
            except KeyError:
                unknown += 1
                self.message = None
            else:
                if v is not None:
                    v = str_or_str_list(v)
                self.message = v
            step = ".error"
            try:
                v = data["error"]
            except KeyError:
                unknown += 1
                self.error = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.error = v
        else:
            unknown += len(data) - 3
            step = ".statusCode"
            if "statusCode" in data:
                v = data["statusCode"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.status_code = v
            else:
                unknown += 1
                self.status_code = None
            step = ".message"
            if "message" in data:
                v = data["message"]
                if v is not None:
                    v = str_or_str_list(v)
                self.message = v
            else:
                unknown += 1
                self.message = None
            step = ".error"
            if "error" in data:
                v = data["error"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.error = v
            else:
                unknown += 1
                self.error = None
        self.__class__ = models.ErrorBody  # every slot is set: it is a ErrorBody now
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
    if unknown and not data.keys() <= _error_body_accepted:
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
_raw_session = raw_class(models.Session)
_session_accepted = accepted_keys("Session", _session_keys)


def structure_session(data: Any) -> models.Session:
    """Build a ``Session`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_session()
    step = ""
    try:
        if len(data) == 2:  # the required keys only, or a required key missing
            step = ".id"
            v = data["id"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.id = v
            step = ".status"
            v = data["status"]
            if v.__class__ is str:
                try:
                    v = _session_status_members[v]
                except KeyError:
                    v = unknown_enum(models.SessionStatus, v, "Session", "status")
            else:
                v = unknown_enum(models.SessionStatus, v, "Session", "status")
            self.status = v
            self.name = None
            self.app_id = None
            self.record_urls = None
            self.client_info = None
            self.duration = None
            self.is_create_task = None
            self.channel_id = None
            self.channel = None
            self.events = None
            self.created_at = None
            self.updated_at = None
            self.started_at = UNSET
            self.finished_at = UNSET
        elif len(data) == 15 and data.__class__ is dict:  # every key, likely
            step = ".id"
            v = data["id"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.id = v
            step = ".status"
            v = data["status"]
            if v.__class__ is str:
                try:
                    v = _session_status_members[v]
                except KeyError:
                    v = unknown_enum(models.SessionStatus, v, "Session", "status")
            else:
                v = unknown_enum(models.SessionStatus, v, "Session", "status")
            self.status = v
            step = ".name"
            try:
                v = data["name"]
            except KeyError:
                unknown += 1
                self.name = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.name = v
            step = ".appId"
            try:
                v = data["appId"]
            except KeyError:
                unknown += 1
                self.app_id = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.app_id = v
            step = ".recordUrls"
            try:
                v = data["recordUrls"]
            except KeyError:
                unknown += 1
                self.record_urls = None
            else:
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.record_urls = v
            step = ".clientInfo"
            try:
                v = data["clientInfo"]
            except KeyError:
                unknown += 1
                self.client_info = None
            else:
                if v is not None:
                    v = structure_client_info(v)
                self.client_info = v
            step = ".duration"
            try:
                v = data["duration"]
            except KeyError:
                unknown += 1
                self.duration = None
            else:
                if (v.__class__ is not float) and v is not None:
                    v = float(v) if v.__class__ is int else to_float(v)
                self.duration = v
            step = ".isCreateTask"
            try:
                v = data["isCreateTask"]
            except KeyError:
                unknown += 1
                self.is_create_task = None
            else:
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.is_create_task = v
            step = ".channelId"
            try:
                v = data["channelId"]
            except KeyError:
                unknown += 1
                self.channel_id = None
            else:
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.channel_id = v
            step = ".channel"
            try:
                v = data["channel"]
            except KeyError:
                unknown += 1
                self.channel = None
            else:
                if v is not None:
                    v = structure_channel(v)
                self.channel = v
            step = ".events"
            try:
                v = data["events"]
            except KeyError:
                unknown += 1
                self.events = None
            else:
                if v is not None:
                    v = [] if v.__class__ is list and not v else list_of(structure_event, v)
                self.events = v
            step = ".createdAt"
            try:
                v = data["createdAt"]
            except KeyError:
                unknown += 1
                self.created_at = None
            else:
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.created_at = v
            step = ".updatedAt"
            try:
                v = data["updatedAt"]
            except KeyError:
                unknown += 1
                self.updated_at = None
            else:
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.updated_at = v
            step = ".startedAt"
            try:
                v = data["startedAt"]
            except KeyError:
                unknown += 1
                self.started_at = UNSET
            else:
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.started_at = v
            step = ".finishedAt"
            try:
                v = data["finishedAt"]
            except KeyError:
                unknown += 1
                self.finished_at = UNSET
            else:
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.finished_at = v
        else:
            unknown += len(data) - 15
            step = ".id"
            v = data["id"]
            if v.__class__ is not str:
                raise expected("str", v)
            self.id = v
            step = ".status"
            v = data["status"]
            if v.__class__ is str:
                try:
                    v = _session_status_members[v]
                except KeyError:
                    v = unknown_enum(models.SessionStatus, v, "Session", "status")
            else:
                v = unknown_enum(models.SessionStatus, v, "Session", "status")
            self.status = v
            step = ".name"
            if "name" in data:
                v = data["name"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.name = v
            else:
                unknown += 1
                self.name = None
            step = ".appId"
            if "appId" in data:
                v = data["appId"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.app_id = v
            else:
                unknown += 1
                self.app_id = None
            step = ".recordUrls"
            if "recordUrls" in data:
                v = data["recordUrls"]
                if v is not None:
                    v = [] if v.__class__ is list and not v else str_list(v)
                self.record_urls = v
            else:
                unknown += 1
                self.record_urls = None
            step = ".clientInfo"
            if "clientInfo" in data:
                v = data["clientInfo"]
                if v is not None:
                    v = structure_client_info(v)
                self.client_info = v
            else:
                unknown += 1
                self.client_info = None
            step = ".duration"
            if "duration" in data:
                v = data["duration"]
                if (v.__class__ is not float) and v is not None:
                    v = float(v) if v.__class__ is int else to_float(v)
                self.duration = v
            else:
                unknown += 1
                self.duration = None
            step = ".isCreateTask"
            if "isCreateTask" in data:
                v = data["isCreateTask"]
                if (v is not True and v is not False) and v is not None:
                    raise expected("bool", v)
                self.is_create_task = v
            else:
                unknown += 1
                self.is_create_task = None
            step = ".channelId"
            if "channelId" in data:
                v = data["channelId"]
                if (v.__class__ is not str) and v is not None:
                    raise expected("str", v)
                self.channel_id = v
            else:
                unknown += 1
                self.channel_id = None
            step = ".channel"
            if "channel" in data:
                v = data["channel"]
                if v is not None:
                    v = structure_channel(v)
                self.channel = v
            else:
                unknown += 1
                self.channel = None
            step = ".events"
            if "events" in data:
                v = data["events"]
                if v is not None:
                    v = [] if v.__class__ is list and not v else list_of(structure_event, v)
                self.events = v
            else:
                unknown += 1
                self.events = None
            step = ".createdAt"
            if "createdAt" in data:
                v = data["createdAt"]
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.created_at = v
            else:
                unknown += 1
                self.created_at = None
            step = ".updatedAt"
            if "updatedAt" in data:
                v = data["updatedAt"]
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.updated_at = v
            else:
                unknown += 1
                self.updated_at = None
            step = ".startedAt"
            if "startedAt" in data:
                v = data["startedAt"]
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.started_at = v
            else:
                unknown += 1
                self.started_at = UNSET
            step = ".finishedAt"
            if "finishedAt" in data:
                v = data["finishedAt"]
                if v is not None:
                    try:
                        v = fromisoformat(v)
                    except Exception:
                        v = parse_datetime(v)
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=UTC)
                self.finished_at = v
            else:
                unknown += 1
                self.finished_at = UNSET
        self.__class__ = models.Session  # every slot is set: it is a Session now
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
    if unknown and not data.keys() <= _session_accepted:
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
_raw_session_page = raw_class(models.SessionPage)
_session_page_accepted = accepted_keys("SessionPage", _session_page_keys)


def structure_session_page(data: Any) -> models.SessionPage:
    """Build a ``SessionPage`` from its decoded JSON object, or raise StructureError."""
    if data.__class__ is dict:
        unknown = 0
    elif isinstance(data, dict):
        unknown = DICT_SUBCLASS
    else:
        raise not_an_object(data)
    self = _raw_session_page()
    step = ""
    try:
        if len(data) == 1:  # the required keys only, or a required key missing
            step = ".data"
            v = data["data"]
            v = [] if v.__class__ is list and not v else list_of(structure_session, v)
            self.data = v
            self.total = None
            self.count = None
            self.page = None
            self.per_page = None
        elif len(data) == 5 and data.__class__ is dict:  # every key, likely
            step = ".data"
            v = data["data"]
            v = [] if v.__class__ is list and not v else list_of(structure_session, v)
            self.data = v
            step = ".total"
            try:
                v = data["total"]
            except KeyError:
                unknown += 1
                self.total = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.total = v
            step = ".count"
            try:
                v = data["count"]
            except KeyError:
                unknown += 1
                self.count = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.count = v
            step = ".page"
            try:
                v = data["page"]
            except KeyError:
                unknown += 1
                self.page = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.page = v
            step = ".perPage"
            try:
                v = data["perPage"]
            except KeyError:
                unknown += 1
                self.per_page = None
            else:
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.per_page = v
        else:
            unknown += len(data) - 5
            step = ".data"
            v = data["data"]
            v = [] if v.__class__ is list and not v else list_of(structure_session, v)
            self.data = v
            step = ".total"
            if "total" in data:
                v = data["total"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.total = v
            else:
                unknown += 1
                self.total = None
            step = ".count"
            if "count" in data:
                v = data["count"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.count = v
            else:
                unknown += 1
                self.count = None
            step = ".page"
            if "page" in data:
                v = data["page"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.page = v
            else:
                unknown += 1
                self.page = None
            step = ".perPage"
            if "perPage" in data:
                v = data["perPage"]
                if (v.__class__ is not int) and v is not None:
                    raise expected("int", v)
                self.per_page = v
            else:
                unknown += 1
                self.per_page = None
        self.__class__ = models.SessionPage  # every slot is set: it is a SessionPage now
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
    if unknown and not data.keys() <= _session_page_accepted:
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
